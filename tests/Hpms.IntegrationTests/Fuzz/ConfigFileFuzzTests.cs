using Hpms.IntegrationTests.Infrastructure;
using Hpms.Protocols.RegisterMaps;
using Hpms.Simulators.Scenarios;
using Xunit.Abstractions;

namespace Hpms.IntegrationTests.Fuzz;

/// <summary>
/// Fuzz targets over the config loaders (time-bounded, see <see cref="FuzzBudget"/>): the real register maps in
/// firmware-protocols/devices and the real scenarios in simulators/scenarios, mutated by <see cref="JsonMutator"/>
/// (truncation, byte flips, type swaps, deep nesting...). Property: the loader returns a model or throws its own
/// exception with at least one message naming the file — never anything else.
/// </summary>
public sealed class ConfigFileFuzzTests(ITestOutputHelper output)
{
    private static readonly string s_root = PeerTools.RepositoryRoot();
    private static readonly string s_maps = Path.Combine(s_root, "firmware-protocols", "devices");

    [Fact]
    public void RegisterMaps_Mutated_LoadOrRefuseWithTheirOwnError() =>
        Fuzzer.Run(output, "register-maps", JsonMutator.Of(Seeds(s_maps, f => Path.GetFileName(f) != RegisterMapLoader.SchemaFileName)), input =>
        {
            try
            {
                RegisterMap map = RegisterMapLoader.Load(input.Text, input.Origin);
                Assert.NotNull(map);
            }
            catch (RegisterMapException ex)
            {
                Assert.NotEmpty(ex.Errors);
                Assert.All(ex.Errors, e => Assert.Contains(input.Origin, e, StringComparison.Ordinal));
            }
        });

    [Fact]
    public void Scenarios_Mutated_LoadOrRefuseWithTheirOwnError()
    {
        using var run = new TemporaryDirectory("hpms-fuzz-scenarios-");
        var options = new ScenarioLoadOptions { MapsDirectory = s_maps, RunDirectory = run.Path, EphemeralPorts = true };
        Fuzzer.Run(output, "scenarios", JsonMutator.Of(Seeds(Path.Combine(s_root, "simulators", "scenarios"), _ => true)), input =>
        {
            try
            {
                Assert.NotNull(ScenarioLoader.Load(input.Text, Path.Combine(s_root, "simulators", "scenarios", input.Origin), options));
            }
            catch (ScenarioException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            }
        },
        FuzzBudget.PerTarget,
        batch: 5); // a load builds every device: the large scenario takes a quarter of a second
    }

    private static (string, byte[])[] Seeds(string directory, Func<string, bool> which) =>
        [.. Directory.GetFiles(directory, "*.json").Where(which).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))];
}
