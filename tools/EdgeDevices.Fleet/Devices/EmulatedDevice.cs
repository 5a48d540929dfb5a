using EdgeDevices.Firmware.Boards;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Fleet.Firmware;
using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Fleet.Devices;

/// <summary>
/// A complete emulated device: a board wired as its board file says, with the parts a real installation
/// has, its flash provisioned as a technician would (config.json, and a schedule for a street light), and
/// the firmware of its role. Powering it on boots the real app.
/// </summary>
public abstract class EmulatedDevice
{
    /// <summary>Creates the board, wires nothing yet and provisions the flash.</summary>
    protected EmulatedDevice(EmulationWorld world, DeviceSpec spec)
    {
        Spec = spec;
        Pins = BoardPins.ForName(spec.Board) ?? throw new ArgumentException($"unknown board '{spec.Board}'", nameof(spec));
        Board = world.CreateBoard(spec.DeviceId);
        Board.Firmware = FirmwareImage.For(spec.Role, AppLoader);
        if (spec.LoRaWan != null)
        {
            Modem = new EdgeDevices.Hardware.Emulation.Parts.LoRaE5.LoRaE5Modem(Board, Pins.ModemRxPin, Pins.ModemTxPin);
        }

        Provision();
    }

    /// <summary>What loads update bundles on this board (and records which it started).</summary>
    public EmulatedAppLoader AppLoader { get; } = new();

    /// <summary>The update state on the board's flash (which bundle runs, what is on trial or downloading).</summary>
    public EdgeDevices.Firmware.Update.UpdateState UpdateState => EdgeDevices.Firmware.Update.UpdateState.Parse(Board.Flash.ReadText(EdgeDevices.Firmware.Device.Update.ResidentLoader.StateFile));

    /// <summary>The LoRaWAN modem on the board's modem UART, for a LoRaWAN device.</summary>
    public EdgeDevices.Hardware.Emulation.Parts.LoRaE5.LoRaE5Modem? Modem { get; }

    /// <summary>What was provisioned.</summary>
    public DeviceSpec Spec { get; }

    /// <summary>The board's pin map.</summary>
    public BoardPins Pins { get; }

    /// <summary>The emulated board.</summary>
    public EmulatedBoard Board { get; }

    /// <summary>The device id.</summary>
    public string DeviceId => Spec.DeviceId;

    /// <summary>A device of the spec's role with its parts.</summary>
    public static EmulatedDevice Create(EmulationWorld world, DeviceSpec spec) => spec.Role switch
    {
        DeviceRole.StreetLight => new StreetLightDevice(world, spec),
        DeviceRole.AirQuality => new AirQualityDevice(world, spec),
        _ => new MeterDevice(world, spec),
    };

    /// <summary>Writes config.json (and the schedule) to the flash, as the provisioning tool does.</summary>
    public void Provision()
    {
        Board.Flash.WriteText("config.json", Spec.ToConfigJson());
        if (Spec.ScheduleJson != null)
        {
            Board.Flash.WriteText("schedule.json", Spec.ScheduleJson);
        }
    }

    /// <summary>Switches the device on.</summary>
    public void PowerOn() => Board.PowerOn();

    /// <summary>Cuts its power.</summary>
    public void CutPower() => Board.CutPower();
}
