// Language constructs the stable nanoFramework runtime cannot run.
using System;
using System.Collections;
using System.Linq; // expect: NF0005 System.Linq
using System.Threading.Tasks;

namespace GateSamples
{
    public class Constructs
    {
        public async Task<int> FetchAsync() // expect: NF0003 FetchAsync; NF0001 T:System.Threading.Tasks.Task`1; NF0002 T:System.Threading.Tasks.Task`1
        {
            await Task.Delay(1); // expect: NF0003 await; NF0001 M:System.Threading.Tasks.Task.Delay(System.Int32)
            return 1;
        }

        public IEnumerable Numbers()
        {
            yield return 1; // expect: NF0004 yield
        }

        public int Query(int[] values)
        {
            var big = from v in values where v > 3 select v; // expect: NF0005 query; NF0001 T:System.Collections.Generic.IEnumerable`1; NF0002 T:System.Collections.Generic.IEnumerable`1
            return big.Count(); // expect: NF0001 M:System.Linq.Enumerable.Count; NF0002 M:System.Linq.Enumerable.Count
        }

        public int Pair()
        {
            var (a, b) = (1, 2); // expect: NF0006 T:System.ValueTuple; NF0001 T:System.ValueTuple`2; NF0002 T:System.ValueTuple`2
            return a + b;
        }

        public int Letters(string text)
        {
            int n = 0;
            foreach (char c in text) // expect: NF0008 M:System.String.GetEnumerator; NF0001 M:System.String.GetEnumerator~System.CharEnumerator
            {
                n++;
            }

            return n;
        }

        public object Late(object x)
        {
            dynamic d = x; // expect: NF0009 dynamic
            return d;
        }

        public int? Maybe() // expect: NF0002 T:System.Nullable`1
        {
            return null; // expect: NF0002 T:System.Nullable`1
        }

        public T Echo<T>(T value) // expect: NF0002 Echo
        {
            return value;
        }

        public int Lambda()
        {
            Func<int> f = () => 3; // expect: NF0002 T:System.Func`1
            return f();
        }

        public int Grid()
        {
            int[,] grid = new int[2, 2]; // expect: NF0013 array rank 2
            return grid.Length;
        }
    }

    public record Point(int X, int Y); // expect: NF0007 Point; NF0001 M:System.IEquatable`1.Equals
}
