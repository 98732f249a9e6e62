using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Fuzz;

/// <summary>
/// Runs one fuzz target for <see cref="FuzzBudget.PerTarget"/>: FsCheck batches of generated inputs, each
/// checked by the target's property (an assertion or an unexpected exception fails the test, FsCheck prints
/// the input and its seed), until the time is up. Prints and reports the inputs tried.
/// </summary>
public static class Fuzzer
{
    private const int Batch = 25;

    /// <summary>Runs a target.</summary>
    /// <typeparam name="T">The input type (its ToString shows the exact input for a regression test).</typeparam>
    /// <param name="output">The test output.</param>
    /// <param name="target">The target's name in the report.</param>
    /// <param name="inputs">The generator.</param>
    /// <param name="check">The property: throws when it does not hold.</param>
    /// <returns>Inputs tried.</returns>
    public static long Run<T>(ITestOutputHelper output, string target, Gen<T> inputs, Action<T> check) =>
        Run(output, target, inputs, check, FuzzBudget.PerTarget, Batch);

    /// <summary>Runs a target with its own budget and batch (slow targets, e.g. through HTTP).</summary>
    /// <typeparam name="T">The input type.</typeparam>
    /// <param name="output">The test output.</param>
    /// <param name="target">The target's name in the report.</param>
    /// <param name="inputs">The generator.</param>
    /// <param name="check">The property.</param>
    /// <param name="budget">How long to run.</param>
    /// <param name="batch">Inputs per FsCheck run.</param>
    /// <returns>Inputs tried.</returns>
    public static long Run<T>(ITestOutputHelper output, string target, Gen<T> inputs, Action<T> check, TimeSpan budget, int batch)
    {
        ArgumentNullException.ThrowIfNull(output);
        long tried = 0;
        Config config = Config.QuickThrowOnFailure.WithMaxTest(batch).WithQuietOnSuccess(true).WithName(target);
        Arbitrary<T> arbitrary = inputs.ToArbitrary();
        var clock = Stopwatch.StartNew();
        do
        {
            Check.One(config, Prop.ForAll(arbitrary, (T input) =>
            {
                tried++;
                check(input);
            }));
        }
        while (clock.Elapsed < budget);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz {target}: inputs tried {tried} in {clock.Elapsed.TotalSeconds:F1} s"));
        FuzzBudget.Report(target, tried, clock.Elapsed);
        Assert.True(tried >= batch, $"{target}: only {tried} inputs tried");
        return tried;
    }
}
