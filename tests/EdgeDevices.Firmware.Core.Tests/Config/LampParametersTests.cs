using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Lighting.Output;

namespace EdgeDevices.Firmware.Core.Tests.Config;

/// <summary>A setLampType document is read as config.json's lamp section is, and every problem in it is named.</summary>
public sealed class LampParametersTests
{
    [Fact]
    public void A_document_carries_the_lamp_section_and_its_version()
    {
        var parameters = LampParameters.Parse("""{"version": 41, "lamp": {"ratedWatts": 65, "minLevel": 20, "virtualFullLevel": 90, "interface": "1-10v", "warmUpSeconds": 30, "powerTolerancePercent": 10, "standbyWatts": 3}}""", out var errors);
        Assert.Empty(errors);
        Assert.Equal(41, parameters!.Version);
        Assert.Equal((65, (byte)20, (byte)90, DimmingInterface.OneToTenVolt, 30, (byte)10, 3),
            (parameters.Lamp.RatedWatts, parameters.Lamp.MinLevel, parameters.Lamp.VirtualFullLevel, parameters.Lamp.Interface, parameters.Lamp.WarmUpSeconds, parameters.Lamp.PowerTolerancePercent, parameters.Lamp.StandbyWatts));
    }

    [Theory]
    [InlineData("""{"lamp": {"ratedWatts": 65}}""", "version", FieldErrorKind.Missing)]
    [InlineData("""{"version": 2}""", "lamp", FieldErrorKind.Missing)]
    [InlineData("""{"version": 2, "lamp": {"ratedWatts": 5000}}""", "lamp.ratedWatts", FieldErrorKind.OutOfRange)]
    [InlineData("""{"version": 2, "lamp": {"ratedWatts": 65, "interface": "dali"}}""", "lamp.interface", FieldErrorKind.InvalidValue)]
    [InlineData("""{"version": 2, "lamp": {"ratedWatts": 65}, "colour": "warm"}""", "colour", FieldErrorKind.UnknownField)]
    [InlineData("""{"version": 0, "lamp": {"ratedWatts": 65}}""", "version", FieldErrorKind.OutOfRange)]
    [InlineData("""not json""", "$", FieldErrorKind.Malformed)]
    public void A_bad_document_is_refused_with_the_field_named(string json, string field, FieldErrorKind kind)
    {
        Assert.Null(LampParameters.Parse(json, out var errors));
        Assert.Contains(errors, e => e.Field == field && e.Kind == kind);
    }
}
