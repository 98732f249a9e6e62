using System.Text;
using FsCheck.Xunit;
using Hpms.Protocols.RegisterMaps;
using Hpms.Protocols.Registers;

namespace Hpms.Protocols.Tests.RegisterMaps;

public sealed class RegisterMapLoaderTests
{
    private static string Map(string points, string extra = "") =>
        $$"""
        {
          "$schema": "./register-map.schema.json",
          "deviceClass": "test-device", "vendor": "Acme", "model": "T1",
          {{extra}}
          "points": [ {{points}} ]
        }
        """;

    private static RegisterMapException Fails(string json) =>
        Assert.Throws<RegisterMapException>(() => RegisterMapLoader.Load(json, "fridge.json"));

    [Fact]
    public void Load_ValidMap_ParsesAllFields()
    {
        string json = Map(
            """
            // comments and trailing commas are allowed
            {"name":"temperature","table":"inputregister","address":0,"type":"int16","scale":0.1,"unit":"°C","min":-50,"max":50,"description":"Cabinet air"},
            {"name":"energy","table":"InputRegister","address":2,"type":"UInt32","wordOrder":"CDAB"},
            {"name":"alarm.high","table":"InputRegister","address":4,"type":"Bit","bit":3},
            {"name":"lot","table":"HoldingRegister","address":10,"type":"String","length":4,"access":"ReadWrite"},
            {"name":"door","table":"DiscreteInput","address":0,"type":"Bool"},
            """,
            "\"defaultWordOrder\": \"BADC\", \"defaultUnitId\": 7, \"maxGap\": 3,");
        RegisterMap map = RegisterMapLoader.Load(json, "fridge.json");

        Assert.Equal("test-device", map.DeviceClass);
        Assert.Equal((byte)7, map.DefaultUnitId);
        Assert.Equal(3, map.MaxGap);
        Assert.Equal("fridge.json", map.SourceName);
        Assert.Equal(5, map.Points.Count);
        RegisterPoint t = map.Points[0];
        Assert.Equal((RegisterTable.InputRegister, (ushort)0, RegisterDataType.Int16, 0.1, "°C", -50.0, 50.0), (t.Table, t.Address, t.Type, t.Format.Scale, t.Unit, t.Min, t.Max));
        Assert.Equal(WordOrder.BADC, t.Format.WordOrder);
        Assert.Equal(WordOrder.CDAB, map.Points[1].Format.WordOrder);
        Assert.Equal(2, map.Points[1].RegisterCount);
        Assert.Equal(3, map.Points[2].Format.Bit);
        Assert.Equal(4, map.Points[3].RegisterCount);
        Assert.True(map.Points[3].IsWritable);
        Assert.True(map.TryGetPoint("DOOR", out RegisterPoint? door));
        Assert.Equal(RegisterTable.DiscreteInput, door.Table);
    }

    [Fact]
    public void Load_Repeat_ExpandsWithStrideAndOneBasedIndex()
    {
        RegisterMap map = RegisterMapLoader.Load(Map(
            """{"name":"bin","table":"InputRegister","address":100,"type":"UInt16","repeat":{"count":24,"stride":4,"nameFormat":"bin{0:00}.count"}}"""), "c.json");
        Assert.Equal(24, map.Points.Count);
        Assert.Equal(("bin01.count", (ushort)100, 1), (map.Points[0].Name, map.Points[0].Address, map.Points[0].RepeatIndex ?? 0));
        Assert.Equal(("bin24.count", (ushort)192), (map.Points[23].Name, map.Points[23].Address));
        Assert.Equal("bin{0:00}.count", map.Points[23].Template);
    }

    [Theory]
    [InlineData("""{"name":"t","table":"InputRegister","address":65535,"type":"Float32"}""", "points[0] \"t\": address 65535 + 2 registers runs past 65535")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Int16","colour":"red"}""", "points[0]: unknown field \"colour\"")]
    [InlineData("""{"name":"t","table":"InputRegister","type":"Int16"}""", "points[0] \"t\": missing required field \"address\"")]
    [InlineData("""{"name":"t","table":"Register","address":0,"type":"Int16"}""", "points[0] \"t\": table \"Register\" is not one of")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Int17"}""", "type \"Int17\" is not one of")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Int16","wordOrder":"1"}""", "wordOrder \"1\" is not one of")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Bool"}""", "type Bool belongs in Coil or DiscreteInput")]
    [InlineData("""{"name":"t","table":"Coil","address":0,"type":"UInt16"}""", "type UInt16 needs a register table")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"UInt16","access":"ReadWrite"}""", "access ReadWrite is only possible on Coil or HoldingRegister")]
    [InlineData("""{"name":"t","table":"DiscreteInput","address":0,"type":"Bool","access":"Write"}""", "access Write is only possible")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Bit","bit":16}""", "bit 16 is outside 0..15")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Bit"}""", "type Bit needs \"bit\"")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Int16","bit":2}""", "\"bit\" applies only to type Bit")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"String","length":126}""", "length 126 is outside 1..125")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"String","length":0}""", "length 0 is outside 1..125")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"String"}""", "type String needs \"length\"")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Int16","scale":0}""", "scale must not be 0")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Int16","min":5,"max":5}""", "min 5 must be less than max 5")]
    [InlineData("""{"name":"t","table":"InputRegister","address":1.5,"type":"Int16"}""", "\"address\" must be an integer")]
    [InlineData("""{"name":"t","table":"InputRegister","address":-1,"type":"Int16"}""", "address -1 is outside 0..65535")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Int16","name":"u"}""", "duplicate field \"name\"")]
    [InlineData("""{"name":"t t","table":"InputRegister","address":0,"type":"Int16"}""", "name must be letters")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Bit","bit":1,"scale":2}""", "scale and offset apply only to numeric types")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"Bit","bit":1,"wordOrder":"CDAB"}""", "wordOrder does not apply to type Bit")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"UInt16","repeat":{"count":2,"stride":1,"nameFormat":"bin"}}""", "must contain {0}")]
    [InlineData("""{"name":"t","table":"InputRegister","address":0,"type":"UInt16","repeat":{"count":2,"stride":1,"nameFormat":"b{0}{1}"}}""", "is not a valid format")]
    [InlineData("""{"name":"t","table":"InputRegister","address":65000,"type":"UInt16","repeat":{"count":600,"stride":1,"nameFormat":"b{0}"}}""", "points[0] \"b537\": address 65536 + 1 register runs past 65535")]
    [InlineData("\"just a string\"", "points[0]: expected an object")]
    public void Load_InvalidPoint_NamesFileEntryAndProblem(string point, string expected)
    {
        RegisterMapException ex = Fails(Map(point));
        Assert.Contains(ex.Errors, e => e.StartsWith("fridge.json: ", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExactMessage_MatchesDocumentedShape()
    {
        RegisterMapException ex = Fails(Map(
            """
            {"name":"a","table":"InputRegister","address":0,"type":"Int16"},
            {"name":"b","table":"InputRegister","address":1,"type":"Int16"},
            {"name":"c","table":"InputRegister","address":2,"type":"Int16"},
            {"name":"temperature","table":"InputRegister","address":65535,"type":"UInt32"}
            """));
        Assert.Equal("fridge.json: points[3] \"temperature\": address 65535 + 2 registers runs past 65535", Assert.Single(ex.Errors));
    }

    [Fact]
    public void Load_ManyProblems_AreAllCollected()
    {
        RegisterMapException ex = Fails(Map(
            """
            {"name":"a","table":"InputRegister","address":0,"type":"Int32"},
            {"name":"b","table":"InputRegister","address":1,"type":"Int16"},
            {"name":"a","table":"HoldingRegister","address":0,"type":"Int16"},
            {"name":"d","table":"Nope","address":0,"type":"Int16","scale":0}
            """, "\"color\": 1,"));
        Assert.Equal(5, ex.Errors.Count);
        Assert.Contains("fridge.json: unknown field \"color\"", ex.Errors);
        Assert.Contains(ex.Errors, e => e.StartsWith("fridge.json: points[1] \"b\": InputRegister 1..1 overlaps \"a\" at 0..1", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("fridge.json: points[2] \"a\": duplicate name", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("points[3] \"d\": table", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("points[3] \"d\": scale must not be 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BitFieldsSharingRegister_AllowedUnlessSameBit()
    {
        RegisterMap map = RegisterMapLoader.Load(Map(
            """
            {"name":"a","table":"InputRegister","address":5,"type":"Bit","bit":0},
            {"name":"b","table":"InputRegister","address":5,"type":"Bit","bit":1},
            {"name":"c","table":"InputRegister","address":6,"type":"UInt16"}
            """), "x.json");
        Assert.Equal(3, map.Points.Count);

        RegisterMapException ex = Fails(Map(
            """
            {"name":"a","table":"InputRegister","address":5,"type":"Bit","bit":1},
            {"name":"b","table":"InputRegister","address":5,"type":"Bit","bit":1},
            {"name":"c","table":"InputRegister","address":5,"type":"UInt16"}
            """));
        Assert.Contains(ex.Errors, e => e.Contains("points[1] \"b\": bit 1 of InputRegister 5 is already used by \"a\"", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("points[2] \"c\": InputRegister 5..5 overlaps", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SameAddressInDifferentTables_IsFine()
    {
        RegisterMap map = RegisterMapLoader.Load(Map(
            """
            {"name":"a","table":"InputRegister","address":0,"type":"UInt16"},
            {"name":"b","table":"HoldingRegister","address":0,"type":"UInt16"},
            {"name":"c","table":"Coil","address":0,"type":"Bool"},
            {"name":"d","table":"DiscreteInput","address":0,"type":"Bool"}
            """), "x.json");
        Assert.Equal(4, map.Points.Count);
    }

    [Theory]
    [InlineData("{\"deviceClass\": \"x\",\n  \"points\": [\n  {,]}", "fridge.json: malformed JSON at line 3, position 4")]
    [InlineData("", "fridge.json: malformed JSON at line 1")]
    [InlineData("[]", "fridge.json: expected an object")]
    [InlineData("{\"points\":[]}", "fridge.json: missing required field \"deviceClass\"")]
    [InlineData("{\"deviceClass\":\"x\"}", "fridge.json: missing required field \"points\"")]
    [InlineData("{\"deviceClass\":\"x\",\"points\":[]}", "fridge.json: \"points\" is empty")]
    [InlineData("{\"deviceClass\":\"x\",\"points\":{}}", "fridge.json: \"points\" must be an array")]
    [InlineData("{\"deviceClass\":\"x\",\"defaultUnitId\":256,\"points\":[]}", "fridge.json: defaultUnitId 256 is outside 0..255")]
    public void Load_BadDocument_ReportsWhere(string json, string expected)
    {
        RegisterMapException ex = Fails(json);
        Assert.Contains(ex.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"deviceClass\":\"\uD800\",\"points\":[]}")]
    [InlineData("{\"deviceClass\":\"x\",\"points\":[{\"name\":\"a\",\"table\":\"\\ud800\",\"address\":0,\"type\":\"Bool\"}]}")] // found by fuzzing: a JSON escape that is no valid UTF-16
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")]
    [InlineData("{\"deviceClass\":\"x\",\"maxGap\":1e400,\"points\":[{\"name\":\"a\",\"table\":\"Coil\",\"address\":99999999999999999999,\"type\":\"Bool\"}]}")]
    public void Load_HostileInput_ThrowsRegisterMapException(string json)
    {
        Assert.NotEmpty(Fails(json).Errors);
    }

    [Fact]
    public void Load_Stream_SameAsString()
    {
        string json = Map("""{"name":"t","table":"InputRegister","address":0,"type":"Int16"}""");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        Assert.Single(RegisterMapLoader.Load(stream, "s.json").Points);
    }

    [Property(MaxTest = 500)]
    public bool Load_RandomText_ThrowsOnlyRegisterMapException(string text) => OnlyMapException(() => RegisterMapLoader.Load(text ?? string.Empty, "r.json"));

    [Property(MaxTest = 500)]
    public bool Load_RandomBytes_ThrowsOnlyRegisterMapException(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes ?? []);
        return OnlyMapException(() => RegisterMapLoader.Load(stream, "r.json"));
    }

    [Property(MaxTest = 300)]
    public bool Load_MutatedValidMap_ThrowsOnlyRegisterMapException(int position, char replacement)
    {
        string json = Map("""{"name":"t","table":"InputRegister","address":0,"type":"Float32","scale":2,"repeat":{"count":3,"stride":2,"nameFormat":"t{0}"}}""");
        int at = (int)((uint)position % (uint)json.Length);
        string mutated = string.Concat(json.AsSpan(0, at), replacement.ToString(), json.AsSpan(at + 1));
        return OnlyMapException(() => RegisterMapLoader.Load(mutated, "m.json"));
    }

    [Fact]
    public void LoadDirectory_SkipsSchemaAndAggregatesErrors()
    {
        string dir = Directory.CreateTempSubdirectory("maps").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, RegisterMapLoader.SchemaFileName), "{ not a map }");
            File.WriteAllText(Path.Combine(dir, "a.json"), Map("""{"name":"t","table":"InputRegister","address":0,"type":"Int16"}"""));
            Assert.Single(RegisterMapLoader.LoadDirectory(dir));

            File.WriteAllText(Path.Combine(dir, "b.json"), Map("""{"name":"t","table":"InputRegister","address":0,"type":"Int16"}"""));
            File.WriteAllText(Path.Combine(dir, "c.json"), "{");
            RegisterMapException ex = Assert.Throws<RegisterMapException>(() => RegisterMapLoader.LoadDirectory(dir));
            Assert.Contains(ex.Errors, e => e.StartsWith("b.json: deviceClass \"test-device\" is already used by a.json", StringComparison.Ordinal));
            Assert.Contains(ex.Errors, e => e.StartsWith("c.json: malformed JSON", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool OnlyMapException(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (RegisterMapException)
        {
            return true;
        }
    }
}
