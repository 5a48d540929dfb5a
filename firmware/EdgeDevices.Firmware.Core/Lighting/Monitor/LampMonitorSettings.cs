namespace EdgeDevices.Firmware.Lighting.Monitor
{
    /// <summary>How quickly and how surely the monitor raises and clears faults.</summary>
    public sealed class LampMonitorSettings
    {
        /// <summary>Creates the defaults: a minute to raise, two to clear.</summary>
        public LampMonitorSettings()
        {
            DetectSeconds = 60;
            ClearSeconds = 120;
            SettleSeconds = 10;
            LampFailurePercent = 25;
            DimmingTolerance = 20;
            CyclingWindowSeconds = 600;
            CyclingTransitions = 4;
            RelayFeedbackSeconds = 2;
        }

        /// <summary>A fault's condition must hold this long before it is raised.</summary>
        public int DetectSeconds { get; set; }

        /// <summary>A raised fault's condition must be absent this long before it clears.</summary>
        public int ClearSeconds { get; set; }

        /// <summary>Power is not judged for this long after a level change.</summary>
        public int SettleSeconds { get; set; }

        /// <summary>A lit lamp draws at least this % of its expected power; less is no light.</summary>
        public int LampFailurePercent { get; set; }

        /// <summary>Level points the measured level may differ from the commanded one before it is a dimming failure.</summary>
        public int DimmingTolerance { get; set; }

        /// <summary>Window in which on/off transitions are counted for cycling.</summary>
        public int CyclingWindowSeconds { get; set; }

        /// <summary>Lit/unlit transitions within the window that make a cycling failure.</summary>
        public int CyclingTransitions { get; set; }

        /// <summary>How long the relay may disagree with its command before it is a relay failure.</summary>
        public int RelayFeedbackSeconds { get; set; }
    }
}
