namespace Hpms.Benchmarks;

/// <summary>One measured row: what ran, how many transactions per second, and against which reference.</summary>
internal sealed record BenchmarkResult(
    string Suite,
    string Subject,
    double TransactionsPerSecond,
    double MeanMicroseconds,
    long Errors,
    double? AllocatedBytesPerTransaction,
    string Reference,
    double? Ratio);
