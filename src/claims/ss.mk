# SS checkers: sources beyond src/claims/ss.c and their tests
