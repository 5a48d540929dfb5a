// The four violations the foundation issue names; each line says what the gate must report.
using System;
using System.Collections.Generic;

namespace GateSamples
{
    public class Required
    {
        public int Count()
        {
            List<int> numbers = new List<int>(); // expect: NF0002 T:System.Collections.Generic.List`1; NF0001 T:System.Collections.Generic.List`1
            return numbers.Count; // expect: NF0001 M:System.Collections.Generic.List`1.get_Count; NF0002 T:System.Collections.Generic.List`1
        }

        public string Joined(string[] parts)
        {
            return string.Join(",", parts); // expect: NF0001 M:System.String.Join(
        }

        public TimeSpan Interval()
        {
            return TimeSpan.FromSeconds(1.5); // expect: NF0001 M:System.TimeSpan.FromSeconds(System.Double)
        }

        public double Rounded(double x)
        {
            return Math.Round(x, 2); // expect: NF0001 M:System.Math.Round(System.Double,System.Int32)
        }
    }
}
