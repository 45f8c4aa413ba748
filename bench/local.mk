# benchmarks: `make bench`
