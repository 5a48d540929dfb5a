namespace EdgeDevices.Firmware.Boards
{
    /// <summary>
    /// Pin maps of the boards EdgeDevices firmware runs on: ESP32-DevKitC-class boards wired for one role
    /// each (hardware/boards/README.md has the wiring tables). Compiled into the device runtime, so the
    /// firmware and the wiring docs share one source. -1 means "not wired". Strapping pins (0, 2, 5, 12,
    /// 15), flash pins (6–11) and COM1 (GPIO1/3, the debug port) are never used.
    /// </summary>
    public sealed class BoardPins
    {
        private BoardPins(string name)
        {
            Name = name;
            StatusLedPin = -1;
            DimPwmPin = -1;
            RelayPin = -1;
            RelayFeedbackPin = -1;
            PowerPulsePin = -1;
            I2cBusId = 1;
            I2cDataPin = -1;
            I2cClockPin = -1;
            ParticleRxPin = -1;
            ParticleTxPin = -1;
            ParticleEnablePin = -1;
            MagnetPin = -1;
            S0Pins = new int[0];
            ModemPort = "COM3";
            ModemRxPin = 18;
            ModemTxPin = 19;
            ModemResetPin = 23;
        }

        /// <summary>Board name as used in device configuration.</summary>
        public string Name { get; private set; }

        /// <summary>Status LED (active high).</summary>
        public int StatusLedPin { get; private set; }

        /// <summary>Dim signal: LEDC PWM, through an RC filter and op-amp for 0–10 V / 1–10 V drivers.</summary>
        public int DimPwmPin { get; private set; }

        /// <summary>Lamp relay coil driver (high = closed).</summary>
        public int RelayPin { get; private set; }

        /// <summary>Relay auxiliary contact (input with pull-up; low = closed).</summary>
        public int RelayFeedbackPin { get; private set; }

        /// <summary>Power-metering IC pulse output (BL0937/HLW8012 CF: frequency proportional to active power).</summary>
        public int PowerPulsePin { get; private set; }

        /// <summary>Milliwatts per hertz of <see cref="PowerPulsePin"/> (the metering IC's calibration).</summary>
        public int PowerMilliwattsPerHertz { get; private set; }

        /// <summary>I2C bus for climate sensors.</summary>
        public int I2cBusId { get; private set; }

        /// <summary>I2C SDA.</summary>
        public int I2cDataPin { get; private set; }

        /// <summary>I2C SCL.</summary>
        public int I2cClockPin { get; private set; }

        /// <summary>Serial port of the particle sensor.</summary>
        public string ParticlePort { get; private set; }

        /// <summary>Particle sensor TX → ESP32 RX.</summary>
        public int ParticleRxPin { get; private set; }

        /// <summary>ESP32 TX → particle sensor RX.</summary>
        public int ParticleTxPin { get; private set; }

        /// <summary>Particle sensor SET/enable (high = running, low = sleep with fan off).</summary>
        public int ParticleEnablePin { get; private set; }

        /// <summary>S0 inputs in channel order (input with pull-up; the S0 output pulls low when conducting).</summary>
        public int[] S0Pins { get; private set; }

        /// <summary>Reed contact that closes when a magnet is held to the meter (input, external pull-up; low = magnet).</summary>
        public int MagnetPin { get; private set; }

        /// <summary>Serial port of the LoRaWAN modem (AT commands).</summary>
        public string ModemPort { get; private set; }

        /// <summary>Modem TX → ESP32 RX.</summary>
        public int ModemRxPin { get; private set; }

        /// <summary>ESP32 TX → modem RX.</summary>
        public int ModemTxPin { get; private set; }

        /// <summary>Modem reset (low = reset).</summary>
        public int ModemResetPin { get; private set; }

        /// <summary>The pin map of a board, or null for a name this firmware does not know.</summary>
        public static BoardPins ForName(string name)
        {
            BoardPins b = new BoardPins(name);
            if (name == "esp32-devkitc-streetlight")
            {
                b.StatusLedPin = 4;
                b.DimPwmPin = 25;
                b.RelayPin = 26;
                b.RelayFeedbackPin = 27;
                b.PowerPulsePin = 34;
                b.PowerMilliwattsPerHertz = 1346;
                return b;
            }

            if (name == "esp32-devkitc-airquality")
            {
                b.StatusLedPin = 13;
                b.I2cDataPin = 21;
                b.I2cClockPin = 22;
                b.ParticlePort = "COM2";
                b.ParticleRxPin = 16;
                b.ParticleTxPin = 17;
                b.ParticleEnablePin = 4;
                return b;
            }

            if (name == "esp32-devkitc-meter")
            {
                b.StatusLedPin = 13;
                b.S0Pins = new int[] { 32, 33, 25, 26 };
                b.MagnetPin = 35;
                return b;
            }

            return null;
        }

        /// <summary>The board names this firmware knows.</summary>
        public static string[] Names()
        {
            return new string[] { "esp32-devkitc-streetlight", "esp32-devkitc-airquality", "esp32-devkitc-meter" };
        }
    }
}
