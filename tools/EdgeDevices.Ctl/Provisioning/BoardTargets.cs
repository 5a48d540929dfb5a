using EdgeDevices.Firmware.Boards;

namespace EdgeDevices.Ctl.Provisioning;

/// <summary>
/// Which nanoFramework firmware image (nanoff <c>--target</c>) each board takes. The DevKitC boards carry an
/// ESP32-WROOM-32 with or without PSRAM, of any silicon revision: <c>ESP32_PSRAM_REV0</c> runs on all of them
/// (nanoff README), where a REV3 image would refuse older silicon.
/// </summary>
public static class BoardTargets
{
    /// <summary>The nanoff target of <paramref name="board"/>; an unknown board names the known ones.</summary>
    public static string For(string board)
    {
        if (BoardPins.ForName(board) == null)
        {
            throw new CtlException($"unknown board '{board}'", "use one of: " + string.Join(", ", BoardPins.Names()) + " (hardware/boards/README.md has their wiring)", 2);
        }

        return "ESP32_PSRAM_REV0";
    }

    /// <summary>The board of a role's standard wiring.</summary>
    public static string DefaultFor(string role) => "esp32-devkitc-" + role;
}
