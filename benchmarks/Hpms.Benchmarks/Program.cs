using Hpms.Benchmarks;

// "sim": hpms-sim under a large scenario (scripts/bench-sim.sh); otherwise the Modbus suites (scripts/bench-modbus.sh).
// "edge": hpms-edge under load with mosquitto and influxd (scripts/bench-edge.sh).
// "cloud": hpms-cloud under load with mosquitto and influxd (scripts/bench-cloud.sh).
// "system": sim → edge gateways → mosquitto → cloud → influxd/PostgreSQL at several scales (scripts/bench-system.sh).
return args.Length > 0 && args[0] == "sim" ? await SimulatorBenchmark.RunAsync(args[1..]).ConfigureAwait(false)
    : args.Length > 0 && args[0] == "edge" ? await EdgeBenchmark.RunAsync(args[1..]).ConfigureAwait(false)
    : args.Length > 0 && args[0] == "cloud" ? await CloudBenchmark.RunAsync(args[1..]).ConfigureAwait(false)
    : args.Length > 0 && args[0] == "system" ? await SystemBenchmark.RunAsync(args[1..]).ConfigureAwait(false)
    : await ModbusBenchmark.RunAsync(BenchmarkOptions.Parse(args)).ConfigureAwait(false);
