# Installation (issue 15): besides the library (lib_LTLIBRARIES) and the
# program, `make install` puts
#   $(includedir)/tsalign/   the public headers, flat: src/tsalign.h,
#                            src/tsa_arb.h, every src/*/tsa_*.h (they include
#                            each other by bare name) and the generated
#                            tsa_config.h; private headers are *_impl.h,
#                            indep.h and src/cli/*.h
#   $(libdir)/pkgconfig/     tsalign.pc
#   $(man1dir)/              tsalign.1 and tsalign-CMD.1 per subcommand,
#                            written from the program's own --help text
#                            (man/mkman.sh; no help2man needed)
#   $(pkgdatadir)/           proofs_numeric/ (claim files), data/ (census),
#                            docs/, in the source tree's layout, which the
#                            installed program finds (src/cli/cli_data.c)
# tests/install/install.sh installs into a temporary folder and uses all
# of it.  Header, data and man lists are globs, so that a new module's
# tsa_*.h, a new claim or a new subcommand is installed without edits here.

nodist_pkginclude_HEADERS = src/tsa_config.h
pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = tsalign.pc
EXTRA_DIST += LICENSE src/tsa_config.h.in tsalign.pc.in man/mkman.sh \
	tests/install/install.sh tests/install/hello.c

TSA_HEADER_GLOBS = $(srcdir)/src/tsalign.h $(srcdir)/src/tsa_arb.h \
	$(srcdir)/src/*/tsa_*.h
# tsa_*.h headers of the program, not of the library
TSA_PROGRAM_ONLY_H = tsa_sched.h

# where the program looks for its data (written by make: $(pkgdatadir)
# is only known here)
BUILT_SOURCES = src/tsa_dirs.h
CLEANFILES += src/tsa_dirs.h src/tsa_dirs.h-t
src/tsa_dirs.h: Makefile
	$(AM_V_GEN)$(MKDIR_P) src && { \
	  echo '/* tsa_dirs.h -- written by make (install.mk); do not edit */'; \
	  echo '#define TSA_DATADIR "$(pkgdatadir)"'; \
	  echo '#define TSA_BUILD_SRCDIR "$(abs_top_srcdir)"'; \
	  echo '#define TSA_BUILD_EXE "$(abs_top_builddir)/src/tsalign$(EXEEXT)"'; \
	} > $@-t && mv -f $@-t $@

# man pages from `tsalign --help` and `tsalign CMD --help`
all-local: man/man.stamp
man/man.stamp: src/tsalign$(EXEEXT) $(srcdir)/man/mkman.sh
	$(AM_V_GEN)$(MKDIR_P) man && rm -f man/*.1 && \
	$(SHELL) $(srcdir)/man/mkman.sh ./src/tsalign$(EXEEXT) man \
	  '$(PACKAGE_VERSION)' '$(pkgdatadir)' && touch $@
CLEANFILES += man/*.1 man/man.stamp

install-data-local: install-tsa-headers install-tsa-man install-tsa-data
uninstall-local: uninstall-tsa-headers uninstall-tsa-man uninstall-tsa-data

install-tsa-headers:
	$(MKDIR_P) '$(DESTDIR)$(pkgincludedir)'
	for h in $(TSA_HEADER_GLOBS); do \
	  case " $(TSA_PROGRAM_ONLY_H) " in *" `basename $$h` "*) continue ;; esac; \
	  echo " $(INSTALL_DATA) $$h '$(DESTDIR)$(pkgincludedir)'"; \
	  $(INSTALL_DATA) "$$h" '$(DESTDIR)$(pkgincludedir)' || exit 1; done
uninstall-tsa-headers:
	for h in $(TSA_HEADER_GLOBS); do \
	  rm -f "$(DESTDIR)$(pkgincludedir)/`basename $$h`"; done

# automake defines man1dir only for man_MANS; these pages are generated
man1dir = $(mandir)/man1
install-tsa-man: man/man.stamp
	$(MKDIR_P) '$(DESTDIR)$(man1dir)'
	$(INSTALL_DATA) man/*.1 '$(DESTDIR)$(man1dir)'
uninstall-tsa-man:
	for m in man/*.1; do test -f "$$m" || continue; \
	  rm -f "$(DESTDIR)$(man1dir)/`basename $$m`"; done

# data files: every regular file under these folders of the source tree
TSA_DATA_DIRS = proofs_numeric data docs
TSA_DATA_FIND = (cd $(srcdir) && find $(TSA_DATA_DIRS) -type f ! -name '*.mk' \
	  ! -name '*~' | LC_ALL=C sort)
install-tsa-data:
	@$(TSA_DATA_FIND) | while read f; do \
	    d=`dirname "$$f"`; \
	    $(MKDIR_P) "$(DESTDIR)$(pkgdatadir)/$$d" || exit 1; \
	    echo " $(INSTALL_DATA) $(srcdir)/$$f $(DESTDIR)$(pkgdatadir)/$$d"; \
	    $(INSTALL_DATA) "$(srcdir)/$$f" "$(DESTDIR)$(pkgdatadir)/$$d" || exit 1; \
	  done
uninstall-tsa-data:
	@$(TSA_DATA_FIND) | while read f; do \
	  rm -f "$(DESTDIR)$(pkgdatadir)/$$f"; done
	-@for d in $(TSA_DATA_DIRS); do \
	  test ! -d "$(DESTDIR)$(pkgdatadir)/$$d" || \
	  find "$(DESTDIR)$(pkgdatadir)/$$d" -depth -type d -empty -exec rmdir {} \; ; \
	done

.PHONY: install-tsa-headers uninstall-tsa-headers install-tsa-man \
	uninstall-tsa-man install-tsa-data uninstall-tsa-data

TESTS += tests/install/install.sh
# one CLI: examples in every --help, exit codes, -o/--output everywhere
TESTS += tests/cli/consistent.sh
EXTRA_DIST += tests/cli/consistent.sh
