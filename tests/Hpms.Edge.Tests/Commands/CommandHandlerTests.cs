using System.Text;
using System.Text.Json;
using Hpms.Edge.Commands;
using Hpms.Edge.Configuration;
using Hpms.Edge.Devices;
using Hpms.Edge.Tests.Sensors;
using Hpms.Protocols.Envelopes;
using Hpms.Protocols.RegisterMaps;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hpms.Edge.Tests.Commands;

/// <summary>The command pipeline with a manual clock, a real replay file and audit file, and a recording device.</summary>
public sealed class CommandHandlerTests : IDisposable
{
    private static readonly byte[] s_key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly DateTimeOffset s_start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("hpms-cmd-").FullName;
    private readonly ManualTimeProvider _clock = new(s_start);
    private readonly RecordingDevices _devices = new();
    private readonly FakeCabinets _cabinets = new();
    private readonly CommandOptions _options = new() { Enabled = true };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    internal static DeviceCommand Command(string name = "unlock", string device = "cab-1", string id = "cmd-1", string nonce = "n-1", TimeSpan? lifetime = null, IReadOnlyDictionary<string, CommandArgument>? args = null)
    {
        long issued = s_start.ToUnixTimeMilliseconds();
        var command = new DeviceCommand(id, name, device, args ?? new Dictionary<string, CommandArgument>(), issued, issued + (long)(lifetime ?? TimeSpan.FromMinutes(1)).TotalMilliseconds, nonce, "alice@st-mary");
        return CommandSigner.WithSignature(command, s_key);
    }

    private static string Topic(DeviceCommand command) => $"hpms/v1/test/gw/{command.Device}/cmd/{command.Name}";

    private async Task<(CommandOutcome Outcome, CommandHandler Handler)> HandleAsync(DeviceCommand command, CommandHandler? handler = null)
    {
        handler ??= await NewHandlerAsync();
        return (await handler.HandleAsync(Topic(command), EnvelopeCodec.Encode(command), CancellationToken.None), handler);
    }

    private async Task<CommandHandler> NewHandlerAsync()
    {
        ReplayGuard replay = await ReplayGuard.LoadAsync(Path.Combine(_directory, "replay.txt"), 1000, _clock.GetUtcNow(), CancellationToken.None);
        var audit = new CommandAudit(Path.Combine(_directory, "audit.jsonl"));
        return new CommandHandler(_options, CommandKey.FromBase64("K", Convert.ToBase64String(s_key)), replay, _devices, audit, _clock, NullLogger.Instance, _cabinets);
    }

    private List<JsonElement> AuditLines()
    {
        using var stream = new FileStream(Path.Combine(_directory, "audit.jsonl"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    [Fact]
    public async Task Handle_SignedUnlock_WritesTheCoilRepliesOkAndAudits()
    {
        (CommandOutcome outcome, _) = await HandleAsync(Command());

        Assert.True(outcome.Reply.Ok, outcome.Reply.Message);
        Assert.Equal("cmd-1", outcome.Reply.Id);
        PointWrite write = Assert.Single(Assert.Single(_devices.Executed));
        Assert.Equal("lock.unlock", write.Point.Name);
        Assert.Equal(1, write.Value);
        Assert.Equal(["accepted", "executed"], AuditLines().Select(l => l.GetProperty("outcome").GetString()));
        Assert.Equal("alice@st-mary", AuditLines()[1].GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task Handle_SameCommandTwice_SecondRefusedAsReplayed()
    {
        (_, CommandHandler handler) = await HandleAsync(Command());
        (CommandOutcome second, _) = await HandleAsync(Command(), handler);

        Assert.Equal(CommandErrorCodes.Replayed, second.Reply.ErrorCode);
        Assert.Single(_devices.Executed);
        Assert.Equal(1, handler.Counters.Refused[CommandErrorCodes.Replayed]);
    }

    [Fact]
    public async Task Handle_ReplayAfterRestart_RefusedFromTheSavedMemory()
    {
        await HandleAsync(Command());
        (CommandOutcome afterRestart, _) = await HandleAsync(Command()); // a new handler loads the saved file

        Assert.Equal(CommandErrorCodes.Replayed, afterRestart.Reply.ErrorCode);
    }

    [Fact]
    public async Task Handle_SameNonceNewId_Refused()
    {
        (_, CommandHandler handler) = await HandleAsync(Command());
        (CommandOutcome second, _) = await HandleAsync(Command(id: "cmd-2"), handler);

        Assert.Equal(CommandErrorCodes.Replayed, second.Reply.ErrorCode);
    }

    [Fact]
    public async Task Handle_AfterExpiryPlusSkew_RefusedAsExpired()
    {
        _clock.Now = s_start + TimeSpan.FromMinutes(1) + _options.MaxClockSkew + TimeSpan.FromMilliseconds(1);
        (CommandOutcome outcome, _) = await HandleAsync(Command());

        Assert.Equal(CommandErrorCodes.Expired, outcome.Reply.ErrorCode);
        Assert.Empty(_devices.Executed);
    }

    [Fact]
    public async Task Handle_WithinSkewAfterExpiry_Runs()
    {
        _clock.Now = s_start + TimeSpan.FromMinutes(1) + _options.MaxClockSkew;
        (CommandOutcome outcome, _) = await HandleAsync(Command());

        Assert.True(outcome.Reply.Ok);
    }

    [Fact]
    public async Task Handle_IssuedInTheFutureBeyondSkew_Refused()
    {
        _clock.Now = s_start - _options.MaxClockSkew - TimeSpan.FromSeconds(1);
        (CommandOutcome outcome, _) = await HandleAsync(Command());

        Assert.Equal(CommandErrorCodes.BadRequest, outcome.Reply.ErrorCode);
    }

    [Fact]
    public async Task Handle_LifetimeLongerThanReplayWindow_Refused()
    {
        (CommandOutcome outcome, _) = await HandleAsync(Command(lifetime: _options.ReplayWindow + TimeSpan.FromSeconds(1)));

        Assert.Equal(CommandErrorCodes.BadRequest, outcome.Reply.ErrorCode);
    }

    [Fact]
    public async Task Handle_TamperedArgument_RefusedAsUnauthorized()
    {
        DeviceCommand signed = Command("light", args: new Dictionary<string, CommandArgument> { ["bin"] = CommandArgument.Of(3) });
        DeviceCommand tampered = signed with { Args = new Dictionary<string, CommandArgument> { ["bin"] = CommandArgument.Of(4) } };
        (CommandOutcome outcome, _) = await HandleAsync(tampered);

        Assert.Equal(CommandErrorCodes.Unauthorized, outcome.Reply.ErrorCode);
        Assert.Empty(_devices.Executed);
    }

    [Fact]
    public async Task Handle_Unsigned_RefusedWhenRequired_RunsWhenNot()
    {
        DeviceCommand unsigned = Command() with { Signature = null };
        (CommandOutcome refused, _) = await HandleAsync(unsigned);
        _options.RequireSignature = false;
        (CommandOutcome accepted, _) = await HandleAsync(unsigned);

        Assert.Equal(CommandErrorCodes.Unauthorized, refused.Reply.ErrorCode);
        Assert.True(accepted.Reply.Ok);
    }

    [Fact]
    public async Task Handle_TopicNamesAnotherDevice_Refused()
    {
        CommandHandler handler = await NewHandlerAsync();
        CommandOutcome outcome = await handler.HandleAsync("hpms/v1/test/gw/cab-2/cmd/unlock", EnvelopeCodec.Encode(Command()), CancellationToken.None);

        Assert.Equal(CommandErrorCodes.BadRequest, outcome.Reply.ErrorCode);
    }

    [Fact]
    public async Task Handle_UnknownDevice_Refused()
    {
        (CommandOutcome outcome, _) = await HandleAsync(Command(device: "cab-9"));

        Assert.Equal(CommandErrorCodes.UnknownDevice, outcome.Reply.ErrorCode);
    }

    [Theory]
    [InlineData("cab-1", "set-limits")]
    [InlineData("fridge-1", "unlock")]
    public async Task Handle_CommandNotInTheClassTable_RefusedAsUnknownCommand(string device, string name)
    {
        (CommandOutcome outcome, _) = await HandleAsync(Command(name, device));

        Assert.Equal(CommandErrorCodes.UnknownCommand, outcome.Reply.ErrorCode);
    }

    [Fact]
    public async Task Handle_SetpointOutOfTheMapRange_RefusedBeforeAnyWrite()
    {
        (CommandOutcome outcome, _) = await HandleAsync(Command("set-limits", "fridge-1", args: new Dictionary<string, CommandArgument> { ["low"] = CommandArgument.Of(2), ["high"] = CommandArgument.Of(61) }));

        Assert.Equal(CommandErrorCodes.BadRequest, outcome.Reply.ErrorCode);
        Assert.Empty(_devices.Executed);
    }

    [Fact]
    public async Task Handle_FridgeLimits_WritesBothPoints()
    {
        (CommandOutcome outcome, _) = await HandleAsync(Command("set-limits", "fridge-1", args: new Dictionary<string, CommandArgument> { ["low"] = CommandArgument.Of(2), ["high"] = CommandArgument.Of(8) }));

        Assert.True(outcome.Reply.Ok);
        Assert.Equal(8, outcome.Reply.Values["setpoint.high"]);
        Assert.Equal(2, outcome.Reply.Values["setpoint.low"]);
    }

    [Fact]
    public async Task Handle_LightWithoutBin_RefusedAsBadRequest()
    {
        (CommandOutcome outcome, _) = await HandleAsync(Command("light"));

        Assert.Equal(CommandErrorCodes.BadRequest, outcome.Reply.ErrorCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"v\":1}")]
    [InlineData("[1,2,3]")]
    public async Task Handle_MalformedPayload_ErrorReplyCountedAndAudited(string payload)
    {
        CommandHandler handler = await NewHandlerAsync();
        CommandOutcome outcome = await handler.HandleAsync("hpms/v1/test/gw/cab-1/cmd/unlock", Encoding.UTF8.GetBytes(payload), CancellationToken.None);

        Assert.False(outcome.Reply.Ok);
        Assert.Equal(CommandErrorCodes.BadRequest, outcome.Reply.ErrorCode);
        Assert.Equal(1, handler.Counters.Malformed);
        Assert.Equal("hpms/v1/test/gw/cab-1/cmd/unlock/reply", outcome.Topic!.DefaultReplyTopic);
        Assert.Equal("refused", Assert.Single(AuditLines()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Handle_DeviceFails_ReplyCarriesTheDeviceError()
    {
        _devices.Failure = new CommandRefusal(CommandErrorCodes.DeviceError, "exception 02");
        (CommandOutcome outcome, CommandHandler handler) = await HandleAsync(Command());

        Assert.Equal(CommandErrorCodes.DeviceError, outcome.Reply.ErrorCode);
        Assert.Equal(1, handler.Counters.Failed);
        Assert.Equal("failed", AuditLines()[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Handle_UnlockForMqttCabinet_SentAsCabinetCommandAndRepliedOk()
    {
        (CommandOutcome outcome, CommandHandler handler) = await HandleAsync(Command(device: "mqtt-cab", args: new Dictionary<string, CommandArgument> { ["badge"] = CommandArgument.Of(4711), ["seconds"] = CommandArgument.Of(20) }));

        Assert.True(outcome.Reply.Ok, outcome.Reply.Message);
        (string device, Hpms.Protocols.MqttDevices.CabinetCommand sent) = Assert.Single(_cabinets.Sent);
        Assert.Equal("mqtt-cab", device);
        Assert.Equal(("cmd-1", "unlock", 4711L, 20), (sent.Id, sent.Name, sent.Badge, sent.Seconds));
        Assert.Equal(Command().ExpiresUnixMs, sent.ExpiresUnixMs);
        Assert.Empty(_devices.Executed);
        Assert.Equal(1, handler.Counters.Executed);
        Assert.Equal(["accepted", "executed"], AuditLines().Select(l => l.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task Handle_MqttCabinetRefusesInLockdown_FailedReplyWithTheCabinetsReason()
    {
        _cabinets.Answer = c => new Hpms.Protocols.MqttDevices.CabinetCommandReply(c.Id, false, "lockdown", "the cabinet is in lockdown");

        (CommandOutcome outcome, CommandHandler handler) = await HandleAsync(Command(device: "mqtt-cab"));

        Assert.False(outcome.Reply.Ok);
        Assert.Equal(CommandErrorCodes.DeviceError, outcome.Reply.ErrorCode);
        Assert.Contains("lockdown", outcome.Reply.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Counters.Failed);
    }

    [Fact]
    public async Task Handle_MqttCabinetNeverAnswers_TimeoutReply()
    {
        _options.ExecuteTimeout = TimeSpan.FromMilliseconds(50);
        _cabinets.Answer = null;

        (CommandOutcome outcome, _) = await HandleAsync(Command(device: "mqtt-cab"));

        Assert.Equal(CommandErrorCodes.Timeout, outcome.Reply.ErrorCode);
    }

    [Fact]
    public async Task Handle_SetLimitsForMqttCabinet_RefusedUnknownCommandNothingSent()
    {
        (CommandOutcome outcome, _) = await HandleAsync(Command("set-limits", "mqtt-cab"));

        Assert.Equal(CommandErrorCodes.UnknownCommand, outcome.Reply.ErrorCode);
        Assert.Empty(_cabinets.Sent);
    }

    private sealed class FakeCabinets : ICabinetCommands
    {
        public List<(string Device, Hpms.Protocols.MqttDevices.CabinetCommand Command)> Sent { get; } = [];

        public Func<Hpms.Protocols.MqttDevices.CabinetCommand, Hpms.Protocols.MqttDevices.CabinetCommandReply>? Answer { get; set; } = c => new(c.Id, true);

        public bool HasCabinet(string deviceId) => deviceId == "mqtt-cab";

        public async Task<Hpms.Protocols.MqttDevices.CabinetCommandReply> SendAsync(string deviceId, Hpms.Protocols.MqttDevices.CabinetCommand command, CancellationToken cancellationToken)
        {
            Sent.Add((deviceId, command));
            if (Answer is null)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Answer!(command);
        }
    }

    private sealed class RecordingDevices : ICommandDevices
    {
        private readonly Dictionary<string, EdgeDevice> _devices;

        public RecordingDevices()
        {
            var gateway = new GatewayOptions { Site = "test", Id = "gw", MapsDirectory = Path.Combine(AppContext.BaseDirectory, "devices") };
            gateway.Devices.Add(new DeviceOptions { Id = "cab-1", Map = "smart-supply-cabinet", Transport = DeviceTransport.ModbusTcp, Host = "127.0.0.1", Port = 502 });
            gateway.Devices.Add(new DeviceOptions { Id = "fridge-1", Map = "cold-chain-fridge", Transport = DeviceTransport.ModbusTcp, Host = "127.0.0.1", Port = 503 });
            _devices = EdgeDeviceFactory.Create(gateway).ToDictionary(d => d.Options.Id);
        }

        public List<IReadOnlyList<PointWrite>> Executed { get; } = [];

        public CommandRefusal? Failure { get; set; }

        public bool TryGetDevice(string deviceId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EdgeDevice? device) => _devices.TryGetValue(deviceId, out device);

        public Task<CommandExecution> ExecuteAsync(EdgeDevice device, IReadOnlyList<PointWrite> writes, CancellationToken cancellationToken)
        {
            Executed.Add(writes);
            return Task.FromResult(new CommandExecution(Failure, Failure is null ? writes.ToDictionary(w => w.Point.Name, w => w.Value) : []));
        }
    }
}
