namespace Hpms.Edge.Sensors;

/// <summary>One SHT3x measurement, raw and converted (datasheet §4.13).</summary>
/// <param name="RawTemperature">Raw temperature word S_T.</param>
/// <param name="RawHumidity">Raw humidity word S_RH.</param>
/// <param name="TemperatureC">T = −45 + 175 · S_T / 65535, in °C.</param>
/// <param name="RelativeHumidityPercent">RH = 100 · S_RH / 65535, in %RH.</param>
public readonly record struct Sht3xReading(ushort RawTemperature, ushort RawHumidity, double TemperatureC, double RelativeHumidityPercent);
