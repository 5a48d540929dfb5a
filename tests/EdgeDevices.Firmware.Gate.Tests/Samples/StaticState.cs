// Static state is shared by every emulated device in a test process.
using System.Collections;

namespace GateSamples
{
    public class StaticState
    {
        private const int Limit = 3;
        private static readonly int[] Table = new int[] { 1, 2, 3 };
        private static readonly string Name = "ok";
        private static int _counter; // expect: NF0010 _counter
        private static readonly ArrayList Shared = new ArrayList(); // expect: NF0010 Shared

        public static int Total { get; set; } // expect: NF0010 Total

        public int Use()
        {
            Table[0] = 5; // expect: NF0010 Table
            _counter++;
            return Table[1] + Limit + Name.Length + Shared.Count;
        }
    }
}
