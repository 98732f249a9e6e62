using System.Text.RegularExpressions;
using Hpms.Cloud.Api;
using Hpms.Cloud.Ingest;
using Hpms.Cloud.Maintenance;
using Hpms.Cloud.Replenishment;
using Hpms.Cloud.Security;
using Hpms.Cloud.Storage;
using Hpms.Cloud.WorkOrders;
using Hpms.Edge.Configuration;
using Hpms.Edge.MqttDevices;
using Hpms.Edge.Rules;
using Hpms.Edge.Sensors;
using Hpms.Edge.Uplink;
using Hpms.IntegrationTests.Infrastructure;
using Hpms.Telemetry.Influx;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Hpms.IntegrationTests.Deployment;

/// <summary>
/// docker-compose.yml cannot be run here (no Docker engine), so its structure is checked instead: services,
/// builds, mounts, variables, secrets, dependencies, health checks, published ports, the broker's
/// configuration and ACL, and that every key given to hpms-cloud and hpms-edge binds to a real option.
/// </summary>
public sealed partial class ComposeFileTests(ITestOutputHelper output)
{
    private static readonly string[] s_services = ["mosquitto", "influxdb", "postgres", "grafana", "hpms-cloud", "hpms-edge", "hpms-sim"];
    private static readonly string[] s_stateful = ["mosquitto", "influxdb", "postgres", "grafana", "hpms-cloud", "hpms-edge"];
    private static readonly string[] s_published = ["grafana", "hpms-cloud"];
    private static readonly string[] s_built = ["hpms-cloud", "hpms-edge", "hpms-sim"];
    private static readonly string[] s_cloudDependencies = ["influxdb", "mosquitto", "postgres"];
    private static readonly string s_root = PeerTools.RepositoryRoot();
    private static readonly ComposeDocument s_compose = ComposeDocument.Load(Path.Combine(s_root, "docker-compose.yml"));

    private static readonly Dictionary<string, Type> s_cloudSections = new(StringComparer.OrdinalIgnoreCase)
    {
        [DatabaseOptions.Section] = typeof(DatabaseOptions),
        [Hpms.Cloud.Hosting.IngestExtensions.InfluxSection] = typeof(InfluxWriterOptions),
        [IngestOptions.Section] = typeof(IngestOptions),
        [Hpms.Cloud.Commands.CommandOptions.Section] = typeof(Hpms.Cloud.Commands.CommandOptions),
        [AuthOptions.Section] = typeof(AuthOptions),
        [Hpms.Cloud.Operations.OperationsOptions.Section] = typeof(Hpms.Cloud.Operations.OperationsOptions),
        [ApiOptions.Section] = typeof(ApiOptions),
        [MaintenanceOptions.Section] = typeof(MaintenanceOptions),
        [WorkOrderOptions.Section] = typeof(WorkOrderOptions),
        [SupplyOptions.Section] = typeof(SupplyOptions),
    };

    private static readonly Dictionary<string, Type> s_edgeSections = new(StringComparer.OrdinalIgnoreCase)
    {
        [GatewayOptions.Section] = typeof(GatewayOptions),
        [UplinkOptions.Section] = typeof(UplinkOptions),
        [RulesOptions.SectionName] = typeof(RulesOptions),
        [Hpms.Edge.Commands.CommandOptions.Section] = typeof(Hpms.Edge.Commands.CommandOptions),
        [MqttDevicesOptions.Section] = typeof(MqttDevicesOptions),
        [Hpms.Edge.Operations.OperationsOptions.Section] = typeof(Hpms.Edge.Operations.OperationsOptions),
        [LocalSensorOptions.Section] = typeof(LocalSensorOptions),
        [Hpms.Edge.Operations.LogOptions.Section] = typeof(Hpms.Edge.Operations.LogOptions),
    };

    [Fact]
    public void Services_Compose_DeclaresEveryPartOfTheTopology()
    {
        Assert.Equal(s_services.Order(StringComparer.Ordinal), s_compose.Services.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, YamlMappingNode service) in s_compose.Services)
        {
            Assert.True(ComposeDocument.Value(service, "restart") is "unless-stopped" or "always", $"{name}: no restart policy");
        }
    }

    [Fact]
    public void Builds_EachService_HasAContextADockerfileAndCopiesOnlyWhatExists()
    {
        var built = s_compose.Services.Where(s => ComposeDocument.Map(s.Value, "build") is not null).ToList();
        Assert.Equal(s_built, built.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach ((string name, YamlMappingNode service) in built)
        {
            YamlMappingNode build = ComposeDocument.Map(service, "build")!;
            string context = Path.GetFullPath(Path.Combine(s_root, ComposeDocument.Value(build, "context") ?? "."));
            Assert.True(Directory.Exists(context), $"{name}: build context {context} does not exist");
            string dockerfile = Path.Combine(context, ComposeDocument.Value(build, "dockerfile") ?? "Dockerfile");
            Assert.True(File.Exists(dockerfile), $"{name}: {dockerfile} does not exist");
            string text = File.ReadAllText(dockerfile);
            Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", text, StringComparison.Ordinal);
            Assert.Matches(@"FROM mcr\.microsoft\.com/dotnet/(aspnet|runtime):10\.0", text);
            Assert.Matches(@"(?m)^USER \$APP_UID$", text);

            IReadOnlyList<string> sources = DeploymentFiles.CopySources(dockerfile);
            foreach (string source in sources)
            {
                string path = Path.Combine(context, source);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{name}: COPY {source} does not exist in the build context");
            }

            // Exactly one project is published, and every project it references (transitively) is copied.
            IReadOnlyList<string> projects = DeploymentFiles.Projects(dockerfile);
            Assert.Single(projects);
            foreach (string project in DeploymentFiles.ProjectClosure(context, projects[0]))
            {
                string folder = Path.GetDirectoryName(project)!.Replace('\\', '/') + "/";
                Assert.True(sources.Contains(project) && sources.Contains(folder), $"{name}: {project} is referenced but its .csproj or folder is not copied");
            }
        }
    }

    [Fact]
    public void Volumes_BindMounts_ExistInTheRepositoryAndNamedVolumesAreDeclared()
    {
        HashSet<string> declared = (ComposeDocument.Map(s_compose.Root, "volumes")?.Children.Keys.Select(k => k.ToString()) ?? []).ToHashSet(StringComparer.Ordinal);
        foreach ((string name, YamlMappingNode service) in s_compose.Services)
        {
            foreach (string volume in ComposeDocument.Items(service, "volumes"))
            {
                string source = volume.Split(':')[0];
                if (source.StartsWith("./", StringComparison.Ordinal))
                {
                    string path = Path.Combine(s_root, source[2..]);
                    Assert.True(File.Exists(path) || Directory.Exists(path), $"{name}: mounted {source} does not exist in the repository");
                    Assert.EndsWith(":ro", volume, StringComparison.Ordinal);
                }
                else
                {
                    Assert.True(declared.Contains(source), $"{name}: volume '{source}' is not declared under volumes:");
                }
            }
        }

        foreach (string name in s_stateful)
        {
            Assert.True(ComposeDocument.Items(s_compose.Services[name], "volumes").Any(v => declared.Contains(v.Split(':')[0])), $"{name}: its state is not in a named volume");
        }
    }

    [Fact]
    public void Variables_UsedByCompose_AreDeclaredInEnvExampleWithPlaceholders()
    {
        IReadOnlyDictionary<string, string> example = DeploymentFiles.EnvExample(Path.Combine(s_root, ".env.example"));
        ISet<string> used = DeploymentFiles.Interpolated(s_compose.Text);
        Assert.NotEmpty(used);
        string[] undeclared = [.. used.Where(v => !example.ContainsKey(v))];
        Assert.True(undeclared.Length == 0, "used by docker-compose.yml, not in .env.example: " + string.Join(", ", undeclared));
        string[] unused = [.. example.Keys.Where(v => !used.Contains(v))];
        Assert.True(unused.Length == 0, "in .env.example, not used by docker-compose.yml: " + string.Join(", ", unused));
        foreach ((string name, string value) in example.Where(kv => SecretName(kv.Key)))
        {
            Assert.True(value is "change-me" or "", $".env.example: {name} holds a value ('{value}') instead of the change-me placeholder");
        }

        string gitignore = File.ReadAllText(Path.Combine(s_root, ".gitignore"));
        Assert.Contains(".env", gitignore.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public void Environment_SecretsAndConnectionStrings_ComeOnlyFromEnvFile()
    {
        foreach ((string name, YamlMappingNode service) in s_compose.Services)
        {
            foreach ((string key, string value) in ComposeDocument.Environment(service))
            {
                if (SecretName(key) && !key.EndsWith("Env", StringComparison.Ordinal) && !key.EndsWith("File", StringComparison.Ordinal))
                {
                    Assert.True(WholeVariable().IsMatch(value), $"{name}: {key} is given a literal ('{value}'), not a ${{VAR}} from .env");
                }

                Assert.DoesNotMatch("(?i)password=|pwd=", value);
            }
        }
    }

    [Fact]
    public void DependsOn_Targets_ExistAndAreWaitedForUntilHealthy()
    {
        foreach ((string name, YamlMappingNode service) in s_compose.Services)
        {
            foreach ((string target, string condition) in ComposeDocument.DependsOn(service))
            {
                Assert.True(s_compose.Services.ContainsKey(target), $"{name} depends on '{target}', which is not a service");
                Assert.True(condition == "service_healthy", $"{name} → {target}: condition '{condition}', expected service_healthy");
                Assert.NotNull(ComposeDocument.Map(s_compose.Services[target], "healthcheck"));
            }

            if (ComposeDocument.Value(service, "network_mode") is string mode && mode.StartsWith("service:", StringComparison.Ordinal))
            {
                Assert.Contains(mode["service:".Length..], ComposeDocument.DependsOn(service).Keys);
            }
        }

        Assert.Contains("hpms-cloud", ComposeDocument.DependsOn(s_compose.Services["hpms-edge"]).Keys);
        Assert.Equal(s_cloudDependencies, ComposeDocument.DependsOn(s_compose.Services["hpms-cloud"]).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Healthchecks_StatefulServices_HaveATest()
    {
        foreach (string name in s_stateful.Append("hpms-sim"))
        {
            YamlMappingNode? check = ComposeDocument.Map(s_compose.Services[name], "healthcheck");
            Assert.True(check is not null, $"{name}: no healthcheck");
            Assert.NotEmpty(ComposeDocument.Items(check!, "test"));
        }
    }

    [Fact]
    public void Ports_OnlyTheWebServices_PublishAndOnLoopbackByDefault()
    {
        foreach ((string name, YamlMappingNode service) in s_compose.Services)
        {
            IReadOnlyList<string> ports = ComposeDocument.Items(service, "ports");
            Assert.True(ports.Count == 0 || s_published.Contains(name), $"{name} publishes {string.Join(", ", ports)}");
            foreach (string port in ports)
            {
                Assert.StartsWith("${HPMS_BIND_ADDRESS:-127.0.0.1}:", port, StringComparison.Ordinal);
            }
        }

        Assert.All(s_published, n => Assert.NotEmpty(ComposeDocument.Items(s_compose.Services[n], "ports")));
        Assert.Equal("127.0.0.1", DeploymentFiles.EnvExample(Path.Combine(s_root, ".env.example"))["HPMS_BIND_ADDRESS"]);
    }

    [Fact]
    public void Mosquitto_Config_RefusesAnonymousAndCarriesTheIngestSettings()
    {
        string[] lines = MosquittoLines("mosquitto.conf");
        Assert.Contains("allow_anonymous false", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("allow_anonymous true", StringComparison.Ordinal));
        Assert.Contains("set_tcp_nodelay true", lines);
        Assert.Contains("max_inflight_messages 1000", lines);
        Assert.Contains("password_file /mosquitto/auth/passwd", lines);
        Assert.Contains("acl_file /mosquitto/config/acl", lines);
        Assert.Contains(ComposeDocument.Items(s_compose.Services["mosquitto"], "volumes"), v => v.StartsWith("./deploy/mosquitto/acl:/mosquitto/config/acl", StringComparison.Ordinal));
    }

    [Fact]
    public void MosquittoAcl_EachGateway_GetsOnlyItsOwnSubtree()
    {
        string[] lines = MosquittoLines("acl");
        Assert.DoesNotContain(lines, l => l.StartsWith("pattern", StringComparison.Ordinal));
        Dictionary<string, List<(string Access, string Topic)>> users = AclByUser(lines);
        var gateways = users.Where(u => u.Key.StartsWith("gw-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(gateways);
        foreach ((string gateway, List<(string Access, string Topic)> rules) in gateways)
        {
            string own = $"hpms/v1/city-general/{gateway}/";
            foreach ((string access, string topic) in rules)
            {
                if (topic.StartsWith("devices/", StringComparison.Ordinal))
                {
                    Assert.Matches(@"^devices/mcab-[a-z0-9-]+/#$", topic); // its building's cabinets, one by one
                    continue;
                }

                Assert.True(topic.StartsWith(own, StringComparison.Ordinal), $"{gateway}: '{access} {topic}' is outside {own}");
                Assert.True(access == "write" || topic.Contains("/cmd/", StringComparison.Ordinal), $"{gateway}: may read '{topic}', which is not its commands");
            }

            Assert.Contains(("write", own + "#"), rules);
            Assert.Contains(rules, r => r.Access == "read" && r.Topic.StartsWith(own, StringComparison.Ordinal) && r.Topic.Contains("/cmd/", StringComparison.Ordinal));
        }

        List<(string Access, string Topic)> cloud = users["hpms-cloud"];
        Assert.Contains(("read", "hpms/v1/+/+/+/telemetry"), cloud);
        Assert.Contains(("read", "hpms/v1/+/+/+/event"), cloud);
        Assert.Contains(("read", "hpms/v1/+/+/+/state"), cloud);
        Assert.Contains(("write", "hpms/v1/+/+/+/cmd/+"), cloud);
        Assert.DoesNotContain(cloud, r => r.Topic == "#" || (r.Access != "read" && !r.Topic.Contains("/cmd/", StringComparison.Ordinal)));

        // The password file is generated for exactly the ACL's users.
        string script = File.ReadAllText(Path.Combine(s_root, "deploy", "mosquitto", "write-passwd.sh"));
        foreach (string user in users.Keys)
        {
            Assert.Contains(user, script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CloudEnvironment_EveryKey_BindsToACloudOption()
    {
        IReadOnlyDictionary<string, string> env = ComposeDocument.Environment(s_compose.Services["hpms-cloud"]);
        var keys = env.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).Select(k => k.Replace("__", ":", StringComparison.Ordinal)).ToList();
        Assert.Contains("Database:Provider", keys);
        Assert.Empty(keys.Where(k => !k.StartsWith("Serilog:", StringComparison.Ordinal)).Select(k => OptionsPath.Problem(s_cloudSections, k)).OfType<string>());
        CheckSecretVariables(env, keys.ToDictionary(k => k, k => env[k.Replace(":", "__", StringComparison.Ordinal)], StringComparer.Ordinal), [new AuthOptions().JwtKeyEnv], "hpms-cloud");
    }

    [Fact]
    public void EdgeEnvironmentAndConfigFile_EveryKey_BindsToAnEdgeOption()
    {
        const string Prefix = "HPMS_EDGE_";
        YamlMappingNode edge = s_compose.Services["hpms-edge"];
        IReadOnlyDictionary<string, string> env = ComposeDocument.Environment(edge);
        string mount = ComposeDocument.Items(edge, "volumes").Single(v => v.StartsWith("./deploy/edge/", StringComparison.Ordinal));
        Assert.Contains("--config\", \"" + mount.Split(':')[1] + "\"", File.ReadAllText(Path.Combine(s_root, "edge", "Dockerfile")), StringComparison.Ordinal);

        Dictionary<string, string> keys = new(DeploymentFiles.JsonKeys(Path.Combine(s_root, mount.Split(':')[0][2..])), StringComparer.OrdinalIgnoreCase);
        foreach ((string key, string value) in env.Where(kv => kv.Key.StartsWith(Prefix, StringComparison.Ordinal) && kv.Key.Contains("__", StringComparison.Ordinal)))
        {
            keys[key[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        Assert.Contains("Gateway:Id", keys.Keys);
        Assert.Empty(keys.Keys.Select(k => OptionsPath.Problem(s_edgeSections, k)).OfType<string>());
        CheckSecretVariables(env, keys, [], "hpms-edge");
    }

    [Fact]
    public async Task DockerCompose_Config_ValidatesWhenTheCliIsPresent()
    {
        string? docker = PeerTools.FindOnPath("docker");
        if (docker is null || (await PeerCommand.RunAsync(docker, ["compose", "version"], TimeSpan.FromSeconds(30))).ExitCode != 0)
        {
            output.WriteLine(docker is null
                ? "SKIPPED this check: the docker CLI is not installed, so `docker compose config` was not run."
                : "SKIPPED this check: `docker compose` (the compose plugin) is not installed, so `docker compose config` was not run.");
            return;
        }

        PeerCommandResult config = await PeerCommand.RunAsync(docker, ["compose", "--project-directory", s_root, "--env-file", Path.Combine(s_root, ".env.example"), "config", "--quiet"], TimeSpan.FromSeconds(60));
        Assert.True(config.ExitCode == 0, config.ToString());
    }

    private static void CheckSecretVariables(IReadOnlyDictionary<string, string> env, IReadOnlyDictionary<string, string> keys, IReadOnlyList<string> defaults, string service)
    {
        // Every variable a *Env option names is given; every plain variable is one of those (or a built-in default).
        var named = keys.Where(kv => kv.Key.EndsWith("Env", StringComparison.OrdinalIgnoreCase) && kv.Value.Length > 0).Select(kv => kv.Value).Concat(defaults).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(named.Where(n => !env.ContainsKey(n)).Select(n => $"{service}: {n} is named by an option but not set"));
        Assert.Empty(env.Keys
            .Where(k => !k.Contains("__", StringComparison.Ordinal) && !k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) && !k.StartsWith("DOTNET_", StringComparison.Ordinal))
            .Where(k => !named.Contains(k))
            .Select(k => $"{service}: {k} is set but no option reads it"));
    }

    private static Dictionary<string, List<(string Access, string Topic)>> AclByUser(string[] lines)
    {
        Dictionary<string, List<(string, string)>> users = new(StringComparer.Ordinal);
        List<(string, string)>? current = null;
        foreach (string line in lines)
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts[0] == "user")
            {
                current = users[parts[1]] = [];
            }
            else if (parts[0] == "topic")
            {
                Assert.True(current is not null, "a topic line before any user line applies to anonymous clients");
                current!.Add(parts.Length == 3 ? (parts[1], parts[2]) : ("readwrite", parts[1]));
            }
        }

        return users;
    }

    private static string[] MosquittoLines(string file) =>
        [.. File.ReadAllLines(Path.Combine(s_root, "deploy", "mosquitto", file)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    private static bool SecretName(string name) => SecretPattern().IsMatch(name);

    [GeneratedRegex("(?i)(password|secret|_key(_|$)|jwt|token)")]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*(:\?[^}]*)?\}$")]
    private static partial Regex WholeVariable();
}
