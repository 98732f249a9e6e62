using System.Text.Json;
using Hpms.Cloud.Commands;
using Hpms.Protocols.Envelopes;

namespace Hpms.Cloud.Tests.Commands;

public sealed class CommandCatalogTests
{
    [Theory]
    [InlineData("unlock", "{}")]
    [InlineData("unlock", """{"badge":"B-1"}""")]
    [InlineData("lockdown", """{"on":0}""")]
    [InlineData("light", """{"bin":3,"on":1}""")]
    [InlineData("setpoint", """{"temperature":19.5}""")]
    [InlineData("set-limits", """{"high":8,"low":2,"delay":300}""")]
    [InlineData("set-capacity", """{"value":12}""")]
    public void Bind_ValidArgs_Accepted(string name, string json)
    {
        IReadOnlyDictionary<string, CommandArgument>? args = CommandCatalog.Bind(CommandCatalog.Find(name)!, Args(json), out (string, string)? error);
        Assert.Null(error);
        Assert.NotNull(args);
    }

    [Theory]
    [InlineData("unlock", """{"seconds":5}""", "args.seconds")]
    [InlineData("light", """{"on":1}""", "args.bin")]
    [InlineData("light", """{"bin":2.5}""", "args.bin")]
    [InlineData("light", """{"bin":"3"}""", "args.bin")]
    [InlineData("lockdown", """{"on":2}""", "args.on")]
    [InlineData("setpoint", "{}", "args")]
    [InlineData("reset-minmax", """{"x":1}""", "args.x")]
    [InlineData("unlock", """{"badge":""}""", "args.badge")]
    public void Bind_InvalidArgs_NamesTheField(string name, string json, string field)
    {
        Assert.Null(CommandCatalog.Bind(CommandCatalog.Find(name)!, Args(json), out (string Field, string Message)? error));
        Assert.Equal(field, error!.Value.Field);
    }

    [Fact]
    public void Bind_Light_NumbersKeepTheirValues()
    {
        IReadOnlyDictionary<string, CommandArgument> args = CommandCatalog.Bind(CommandCatalog.Find("light")!, Args("""{"bin":7}"""), out _)!;
        Assert.Equal(7, args["bin"].Number);
        Assert.False(args["bin"].IsText);
    }

    [Fact]
    public void Find_UnknownName_Null() => Assert.Null(CommandCatalog.Find("self-destruct"));

    [Fact]
    public void All_NamesAreValidTopicLevels() =>
        Assert.All(CommandCatalog.All, c => Assert.True(Hpms.Protocols.Telemetry.TopicScheme.IsValidLevel(c.Name)));

    private static Dictionary<string, JsonElement> Args(string json) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
