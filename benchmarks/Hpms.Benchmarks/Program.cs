using Hpms.Benchmarks;

// "sim": hpms-sim under a large scenario (scripts/bench-sim.sh); otherwise the Modbus suites (scripts/bench-modbus.sh).
return args.Length > 0 && args[0] == "sim"
    ? await SimulatorBenchmark.RunAsync(args[1..]).ConfigureAwait(false)
    : await ModbusBenchmark.RunAsync(BenchmarkOptions.Parse(args)).ConfigureAwait(false);
