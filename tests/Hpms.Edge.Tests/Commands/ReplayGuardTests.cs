using Hpms.Edge.Commands;
using Hpms.Protocols.Envelopes;

namespace Hpms.Edge.Tests.Commands;

public sealed class ReplayGuardTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("hpms-replay-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SaveAndLoad_KeepsUnexpiredEntries_DropsExpiredOnes()
    {
        string path = Path.Combine(_directory, "replay.txt");
        using (var guard = new ReplayGuard(path, 100))
        {
            Assert.Equal(ReplayVerdict.Registered, guard.TryRegister(CommandHandlerTests.Command(id: "a", nonce: "n a"), s_now.AddMinutes(1), s_now));
            Assert.Equal(ReplayVerdict.Registered, guard.TryRegister(CommandHandlerTests.Command(id: "b", nonce: "nb"), s_now.AddMinutes(10), s_now));
            await guard.SaveAsync(s_now, CancellationToken.None);
        }

        using ReplayGuard loaded = await ReplayGuard.LoadAsync(path, 100, s_now.AddMinutes(5), CancellationToken.None);

        Assert.Equal(2, loaded.Count); // a's two entries expired
        Assert.Equal(ReplayVerdict.Replayed, loaded.TryRegister(CommandHandlerTests.Command(id: "b", nonce: "other"), s_now.AddMinutes(10), s_now.AddMinutes(5)));
        Assert.Equal(ReplayVerdict.Registered, loaded.TryRegister(CommandHandlerTests.Command(id: "a", nonce: "n a"), s_now.AddMinutes(10), s_now.AddMinutes(5)));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public async Task Load_CorruptLines_SkippedAndCounted()
    {
        string path = Path.Combine(_directory, "replay.txt");
        long ms = s_now.AddHours(1).ToUnixTimeMilliseconds();
        await File.WriteAllTextAsync(path, $"garbage\n{ms} i keep\n-5 i x\n99999999999999999999 n y\n");

        using ReplayGuard loaded = await ReplayGuard.LoadAsync(path, 100, s_now, CancellationToken.None);

        Assert.Equal(3, loaded.CorruptLines);
        Assert.Equal(1, loaded.Count);
    }

    [Fact]
    public void TryRegister_Full_RefusesUntilEntriesExpire()
    {
        using var guard = new ReplayGuard(null, 4);
        Assert.Equal(ReplayVerdict.Registered, guard.TryRegister(CommandHandlerTests.Command(id: "1", nonce: "1"), s_now.AddMinutes(1), s_now));
        Assert.Equal(ReplayVerdict.Registered, guard.TryRegister(CommandHandlerTests.Command(id: "2", nonce: "2"), s_now.AddMinutes(2), s_now));

        Assert.Equal(ReplayVerdict.Full, guard.TryRegister(CommandHandlerTests.Command(id: "3", nonce: "3"), s_now.AddMinutes(3), s_now));
        Assert.Equal(ReplayVerdict.Registered, guard.TryRegister(CommandHandlerTests.Command(id: "3", nonce: "3"), s_now.AddMinutes(3), s_now.AddMinutes(1.5)));
    }
}
