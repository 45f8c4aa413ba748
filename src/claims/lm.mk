# LM checkers: sources beyond src/claims/lm.c and their tests
