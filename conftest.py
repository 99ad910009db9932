collect_ignore = ["rlct/__main__.py", "notebooks", "benchmarks"]
