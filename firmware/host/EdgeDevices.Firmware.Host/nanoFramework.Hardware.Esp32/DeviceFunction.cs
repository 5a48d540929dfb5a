namespace nanoFramework.Hardware.Esp32;

/// <summary>
/// Stand-in for nanoFramework's ESP32 <c>DeviceFunction</c>: the peripheral signals the pin matrix can
/// route. The members are nanoFramework's; their numeric values are not (the device encodes type, bus and
/// signal; nothing on the host depends on the numbers).
/// </summary>
public enum DeviceFunction
{
#pragma warning disable CS1591 // the names say it all
    SPI1_MOSI, SPI1_MISO, SPI1_CLOCK, SPI2_MOSI, SPI2_MISO, SPI2_CLOCK,
    I2C1_DATA, I2C1_CLOCK, I2C2_DATA, I2C2_CLOCK,
    COM1_TX, COM1_RX, COM1_RTS, COM1_CTS, COM2_TX, COM2_RX, COM2_RTS, COM2_CTS,
    COM3_TX, COM3_RX, COM3_RTS, COM3_CTS, COM4_TX, COM4_RX, COM4_RTS, COM4_CTS,
    PWM1, PWM2, PWM3, PWM4, PWM5, PWM6, PWM7, PWM8, PWM9, PWM10, PWM11, PWM12, PWM13, PWM14, PWM15, PWM16,
    ADC1_CH0, ADC1_CH1, ADC1_CH2, ADC1_CH3, ADC1_CH4, ADC1_CH5, ADC1_CH6, ADC1_CH7, ADC1_CH8, ADC1_CH9,
    ADC1_CH10, ADC1_CH11, ADC1_CH12, ADC1_CH13, ADC1_CH14, ADC1_CH15, ADC1_CH16, ADC1_CH17, ADC1_CH18, ADC1_CH19,
    I2S1_MCK, I2S1_BCK, I2S1_WS, I2S1_DATA_OUT, I2S1_MDATA_IN, I2S2_MCK, I2S2_BCK, I2S2_WS, I2S2_DATA_OUT, I2S2_MDATA_IN,
    SDMMC1_CLOCK, SDMMC1_COMMAND, SDMMC1_D0, SDMMC1_D1, SDMMC1_D2, SDMMC1_D3,
    SDMMC2_CLOCK, SDMMC2_COMMAND, SDMMC2_D0, SDMMC2_D1, SDMMC2_D2, SDMMC2_D3,
#pragma warning restore CS1591
}
