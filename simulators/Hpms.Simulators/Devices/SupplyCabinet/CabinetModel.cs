using System.Globalization;

namespace Hpms.Simulators.Devices.SupplyCabinet;

/// <summary>
/// The stock and access model of a smart supply cabinet, free of any protocol. Staff come in access
/// sessions whose rate follows the hospital's patient flow: badge, lock released, door open, one or
/// two bins picked, door closed, lock re-engaged. Arrivals are a Poisson process drawn from the
/// device's seeded stream, integrated in sub-steps of at most a minute so one call may cover hours;
/// the door and lock shown are those at the end of the step. Every stock movement goes to the
/// ground truth with its reason.
/// </summary>
public sealed class CabinetModel
{
    /// <summary>Firmware version served (2.03).</summary>
    public const int FirmwareVersion = 203;

    /// <summary>How long a lit pick-to-light stays on without a pick.</summary>
    public static readonly TimeSpan LightTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long the forced-door alarm stays latched after the door was forced.</summary>
    public static readonly TimeSpan ForcedAlarmHold = TimeSpan.FromMinutes(15);

    private const double MaxSubStepSeconds = 60;
    private const double MeanUnitsPerLine = 2; // units 1..3, uniform
    private const double MeanLinesPerSession = 1.5; // 1 or 2 bins per access
    private const double SecondsPerDay = 86_400;
    private const int BadgePool = 60;
    private const uint FirstBadge = 40_000_100;

    private readonly CabinetBin[] _bins;
    private readonly double[] _lineWeight; // picked lines per second per bin at flow 1.0
    private readonly double _lineRateAtFlowOne;
    private readonly DeviceContext _context;
    private readonly Action<CabinetNotice>? _notify;
    private readonly string _id;

    private DateTimeOffset _doorOpenedAt;
    private DateTimeOffset _doorCloseAt = DateTimeOffset.MinValue;
    private DateTimeOffset _unlockUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _forcedUntil = DateTimeOffset.MinValue;
    private bool _doorHeld;
    private bool _authorisedOpening;

    /// <summary>Creates the model.</summary>
    /// <param name="settings">Bins and timings.</param>
    /// <param name="context">Identity, seeded random stream, flow profile, ground truth.</param>
    /// <param name="notify">Receives notices (badge, forced door, low stock...) as they happen; optional.</param>
    public CabinetModel(CabinetSettings settings, DeviceContext context, Action<CabinetNotice>? notify = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        Settings = settings;
        _context = context;
        _notify = notify;
        _id = context.Identity.Id;
        _bins = new CabinetBin[settings.Bins.Count];
        _lineWeight = new double[_bins.Length];
        for (int i = 0; i < _bins.Length; i++)
        {
            CabinetBinStock stock = settings.Bins[i];
            _bins[i] = new CabinetBin(i + 1, stock);
            _lineWeight[i] = stock.DailyUse / (MeanUnitsPerLine * stock.Pack * SecondsPerDay);
            _lineRateAtFlowOne += _lineWeight[i];
        }
    }

    /// <summary>Gets the configuration.</summary>
    public CabinetSettings Settings { get; }

    /// <summary>Gets the used bins (bin n at index n − 1).</summary>
    public IReadOnlyList<CabinetBin> Bins => _bins;

    /// <summary>Gets a value indicating whether the door is open.</summary>
    public bool DoorOpen { get; private set; }

    /// <summary>Gets how long the door has been open, in whole seconds (0 when closed).</summary>
    public int DoorOpenSeconds { get; private set; }

    /// <summary>Gets a value indicating whether the lock is released (a remote unlock or an access in progress).</summary>
    public bool Unlocked { get; private set; }

    /// <summary>Gets a value indicating whether the bolt is thrown.</summary>
    public bool LockEngaged => !Unlocked;

    /// <summary>Gets a value indicating whether the cabinet refuses badges and unlocks.</summary>
    public bool Lockdown { get; private set; }

    /// <summary>Gets a value indicating whether the forced-door alarm is latched.</summary>
    public bool DoorForced { get; private set; }

    /// <summary>Gets or sets a value indicating whether the tamper switch is tripped.</summary>
    public bool Tamper { get; set; }

    /// <summary>Gets or sets a value indicating whether mains is lost.</summary>
    public bool PowerFail { get; set; }

    /// <summary>Gets the last badge presented.</summary>
    public uint LastBadge { get; private set; }

    /// <summary>Gets the badge events since power-up (wraps at 2^32).</summary>
    public uint BadgeEventCount { get; private set; }

    /// <summary>Gets or sets the consumption multiplier (a patient surge raises it).</summary>
    public double ConsumptionFactor { get; set; } = 1.0;

    /// <summary>Gets the access sessions so far (for tests and logs).</summary>
    public long Sessions { get; private set; }

    /// <summary>Gets the pieces picked so far.</summary>
    public long PiecesPicked { get; private set; }

    /// <summary>Releases the lock for the configured unlock time, unless in lockdown.</summary>
    /// <param name="at">Simulated time.</param>
    /// <param name="duration">How long; null for the configured time.</param>
    /// <returns>Whether the lock was released.</returns>
    public bool RequestUnlock(DateTimeOffset at, TimeSpan? duration = null)
    {
        if (Lockdown)
        {
            Notice(CabinetNoticeKinds.UnlockRefused, at, 0, 0, 0, "lockdown");
            return false;
        }

        _unlockUntil = Later(_unlockUntil, at + (duration ?? Settings.UnlockTime));
        Unlocked = true;
        Notice(CabinetNoticeKinds.Unlock, at, 0, 0, 0, "remote");
        return true;
    }

    /// <summary>Ends a remote unlock now (the door, if open, still relocks only on close).</summary>
    /// <param name="at">Simulated time.</param>
    public void Relock(DateTimeOffset at)
    {
        _unlockUntil = at;
        UpdateDoorAndLock(at);
    }

    /// <summary>Sets or clears lockdown; setting it ends any remote unlock.</summary>
    /// <param name="on">Lockdown wanted.</param>
    /// <param name="at">Simulated time.</param>
    public void SetLockdown(bool on, DateTimeOffset at)
    {
        Lockdown = on;
        if (on)
        {
            Relock(at);
        }
    }

    /// <summary>Lights or darkens a bin's pick-to-light.</summary>
    /// <param name="bin">Bin number (1-based); unknown bins are ignored.</param>
    /// <param name="on">Lit.</param>
    /// <param name="at">Simulated time.</param>
    /// <returns>Whether the bin exists.</returns>
    public bool SetLight(int bin, bool on, DateTimeOffset at)
    {
        if (bin < 1 || bin > _bins.Length)
        {
            return false;
        }

        _bins[bin - 1].LightUntil = on ? at + LightTimeout : null;
        return true;
    }

    /// <summary>Sets a bin's par level (a client write).</summary>
    /// <param name="bin">Bin number.</param>
    /// <param name="par">New par.</param>
    public void SetPar(int bin, int par)
    {
        if (bin >= 1 && bin <= _bins.Length)
        {
            _bins[bin - 1].Par = par;
        }
    }

    /// <summary>Sets a bin's reorder point (a client write).</summary>
    /// <param name="bin">Bin number.</param>
    /// <param name="reorderPoint">New reorder point.</param>
    /// <param name="at">Simulated time.</param>
    public void SetReorderPoint(int bin, int reorderPoint, DateTimeOffset at)
    {
        if (bin >= 1 && bin <= _bins.Length)
        {
            CabinetBin b = _bins[bin - 1];
            b.ReorderPoint = reorderPoint;
            TrackLow(b, at);
        }
    }

    /// <summary>Refills every bin to par (reason <c>restock</c>).</summary>
    /// <param name="at">Simulated time.</param>
    public void RestockAll(DateTimeOffset at)
    {
        foreach (CabinetBin bin in _bins)
        {
            Refill(bin, at);
        }
    }

    /// <summary>An authorised access that props the door open until <see cref="ReleaseDoor"/>.</summary>
    /// <param name="at">Simulated time.</param>
    public void HoldDoorOpen(DateTimeOffset at)
    {
        PresentBadge(at);
        OpenDoor(at, at, authorised: true);
        _doorHeld = true;
        UpdateDoorAndLock(at);
    }

    /// <summary>Lets a held door close.</summary>
    /// <param name="at">Simulated time.</param>
    public void ReleaseDoor(DateTimeOffset at)
    {
        _doorHeld = false;
        UpdateDoorAndLock(at);
    }

    /// <summary>The door is forced open without an unlock: it stays open half a minute and the alarm latches.</summary>
    /// <param name="at">Simulated time.</param>
    public void ForceDoor(DateTimeOffset at)
    {
        OpenDoor(at, at + TimeSpan.FromSeconds(30), authorised: false);
        _forcedUntil = at + ForcedAlarmHold;
        Notice(CabinetNoticeKinds.DoorForced, at, 0, 0, 0, "no unlock");
        UpdateDoorAndLock(at);
    }

    /// <summary>Advances to <paramref name="now"/>: arrivals, picks and restocks in sub-steps, then the door and lock.</summary>
    /// <param name="now">Simulated time now.</param>
    /// <param name="elapsed">Simulated time since the previous step.</param>
    public void Advance(DateTimeOffset now, TimeSpan elapsed)
    {
        DateTimeOffset t = now - elapsed;
        double remaining = Math.Max(0, elapsed.TotalSeconds);
        while (remaining > 0)
        {
            double dt = Math.Min(MaxSubStepSeconds, remaining);
            SubStep(t, dt);
            t = t.AddSeconds(dt);
            remaining -= dt;
        }

        UpdateDoorAndLock(now);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private void SubStep(DateTimeOffset start, double seconds)
    {
        DateTimeOffset middle = start.AddSeconds(seconds / 2);
        double sessionRate = _lineRateAtFlowOne * _context.Flow.Rate(middle) * ConsumptionFactor / MeanLinesPerSession;
        if (sessionRate > 0)
        {
            // Poisson arrivals: exponential gaps; memoryless, so restarting each sub-step is exact.
            double offset = -Math.Log(1.0 - _context.Random.NextDouble()) / sessionRate;
            while (offset < seconds)
            {
                Session(start.AddSeconds(offset));
                offset += -Math.Log(1.0 - _context.Random.NextDouble()) / sessionRate;
            }
        }

        if (Settings.RestockAfter > TimeSpan.Zero)
        {
            DateTimeOffset end = start.AddSeconds(seconds);
            foreach (CabinetBin bin in _bins)
            {
                if (bin.LowSince is { } low && low + Settings.RestockAfter <= end)
                {
                    Refill(bin, low + Settings.RestockAfter);
                }
            }
        }
    }

    private void Session(DateTimeOffset at)
    {
        Sessions++;
        uint badge = PresentBadge(at);
        if (Lockdown)
        {
            return;
        }

        OpenDoor(at, at + TimeSpan.FromSeconds(15 + (_context.Random.NextDouble() * 60)), authorised: true);
        int lines = _context.Random.NextDouble() < MeanLinesPerSession - 1 ? 2 : 1;
        for (int l = 0; l < lines; l++)
        {
            Pick(ChooseBin(), 1 + _context.Random.Next(3), at, badge);
        }
    }

    private uint PresentBadge(DateTimeOffset at)
    {
        uint badge = FirstBadge + (uint)_context.Random.Next(BadgePool);
        LastBadge = badge;
        BadgeEventCount = unchecked(BadgeEventCount + 1);
        bool refused = Lockdown;
        Notice(refused ? CabinetNoticeKinds.BadgeRefused : CabinetNoticeKinds.Badge, at, 0, badge, 0, refused ? "lockdown" : "access");
        return badge;
    }

    private void OpenDoor(DateTimeOffset at, DateTimeOffset closeAt, bool authorised)
    {
        if (at >= _doorCloseAt && !_doorHeld)
        {
            _doorOpenedAt = at;
            _authorisedOpening = authorised || at < _unlockUntil;
        }
        else
        {
            _authorisedOpening |= authorised;
        }

        _doorCloseAt = Later(_doorCloseAt, closeAt);
    }

    private int ChooseBin()
    {
        double pick = _context.Random.NextDouble() * _lineRateAtFlowOne;
        for (int i = 0; i < _bins.Length; i++)
        {
            pick -= _lineWeight[i];
            if (pick < 0)
            {
                return i;
            }
        }

        return _bins.Length - 1;
    }

    private void Pick(int index, int units, DateTimeOffset at, uint badge)
    {
        CabinetBin bin = _bins[index];
        bin.LightUntil = null;
        int taken = Math.Min(bin.OnHand, units * bin.Pack);
        if (taken == 0)
        {
            return;
        }

        bin.OnHand -= taken;
        PiecesPicked += taken;
        _context.Truth.Stock(_id, bin.Number, bin.ItemCode, -taken, bin.OnHand, ConsumptionFactor > 1 ? "surge" : "consumption", at);
        TrackLow(bin, at);
        if (bin.OnHand == 0)
        {
            Notice(CabinetNoticeKinds.StockOut, at, bin.Number, badge, 0, "empty");
        }
    }

    private void TrackLow(CabinetBin bin, DateTimeOffset at)
    {
        if (bin.OnHand > bin.ReorderPoint)
        {
            bin.LowSince = null;
        }
        else if (bin.LowSince is null)
        {
            bin.LowSince = at;
            Notice(CabinetNoticeKinds.StockBelowReorder, at, bin.Number, 0, bin.OnHand, "reorder point");
        }
    }

    private void Refill(CabinetBin bin, DateTimeOffset at)
    {
        bin.LowSince = null;
        int delta = bin.Par - bin.OnHand;
        if (delta <= 0)
        {
            return;
        }

        bin.OnHand = bin.Par;
        _context.Truth.Stock(_id, bin.Number, bin.ItemCode, delta, bin.OnHand, "restock", at);
        Notice(CabinetNoticeKinds.Restock, at, bin.Number, 0, bin.OnHand, "par");
    }

    private void UpdateDoorAndLock(DateTimeOffset now)
    {
        DoorOpen = _doorHeld || now < _doorCloseAt;
        DoorOpenSeconds = DoorOpen ? (int)Math.Min(ushort.MaxValue, (now - _doorOpenedAt).TotalSeconds) : 0;

        // An authorised access keeps the lock released while the door is open (it relocks on
        // close); a remote unlock for its time. A forced door never released the bolt.
        Unlocked = now < _unlockUntil || (DoorOpen && _authorisedOpening);
        DoorForced = now < _forcedUntil;
        foreach (CabinetBin bin in _bins)
        {
            if (bin.LightUntil is { } until && until <= now)
            {
                bin.LightUntil = null;
            }
        }
    }

    private void Notice(string kind, DateTimeOffset at, int bin, uint badge, int count, string detail)
    {
        if (kind is CabinetNoticeKinds.Badge or CabinetNoticeKinds.BadgeRefused or CabinetNoticeKinds.DoorForced
            or CabinetNoticeKinds.Unlock or CabinetNoticeKinds.UnlockRefused)
        {
            _context.Truth.Happened(_id, kind, string.Create(CultureInfo.InvariantCulture, $"badge {badge} {detail}"), at);
        }

        _notify?.Invoke(new CabinetNotice(kind, at, bin, badge, count));
    }
}
