using System.Text.Json;
using Hpms.Edge.Operations;

namespace Hpms.Edge.Tests.Operations;

public sealed class OperationsJsonContextTests
{
    [Fact]
    public void HealthDocument_SerialisedByContext_CamelCaseFieldsWithFailingIds()
    {
        var health = new HealthDocument("degraded", new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), 3, 2, ["fridge-a-01"], 42);

        using JsonDocument json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(health, OperationsJsonContext.Default.HealthDocument));

        JsonElement root = json.RootElement;
        Assert.Equal("degraded", root.GetProperty("status").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), root.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(3, root.GetProperty("devices").GetInt32());
        Assert.Equal(2, root.GetProperty("answering").GetInt32());
        Assert.Equal("fridge-a-01", Assert.Single(root.GetProperty("failing").EnumerateArray()).GetString());
        Assert.Equal(42, root.GetProperty("readings").GetInt64());
    }
}
