// Number formats and enum text that behave differently on the device.
namespace GateSamples
{
    public enum Colour
    {
        Red,
        Green
    }

    public class Formatting
    {
        public string Fine(double t, int n)
        {
            return $"{t:F2} {n:D4} {n:X}" + t.ToString("N1");
        }

        public string Custom(double t)
        {
            return $"{t:0.##}"; // expect: NF0011 0.##
        }

        public string CustomToString(double t)
        {
            return t.ToString("#,##0.0"); // expect: NF0011 #,##0.0
        }

        public string CustomFormat(double t)
        {
            return string.Format("{0:00.0}", new object[] { t }); // expect: NF0011 00.0
        }

        public string Name(Colour c)
        {
            return c.ToString(); // expect: NF0012 M:System.Enum.ToString
        }

        public string Interpolated(Colour c)
        {
            return $"colour {c}"; // expect: NF0012 enum in string
        }

        public string Concatenated(Colour c)
        {
            return "colour " + c; // expect: NF0012 enum in string
        }
    }
}
