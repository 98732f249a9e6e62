using Hpms.Benchmarks;

return await ModbusBenchmark.RunAsync(BenchmarkOptions.Parse(args)).ConfigureAwait(false);
