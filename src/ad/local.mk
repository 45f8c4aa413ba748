# ad module: Angular Distance functions (docs/ad.md)
libtsalign_a_SOURCES += src/ad/tsa_ad.h
