// Code the device runs: the gate must report nothing here (guards against false positives).
using System;
using System.Collections;
using System.Text;
using System.Threading;

namespace GateSamples
{
    public interface IThing
    {
        int Size { get; }
    }

    public sealed class Clean : IThing, IDisposable
    {
        private const int Max = 10;
        private static readonly byte[] Table = new byte[] { 1, 2, 3 };
        private readonly object _sync = new object();
        private readonly ArrayList _items = new ArrayList();
        private readonly Hashtable _index = new Hashtable();
        private readonly ManualResetEvent _ready = new ManualResetEvent(false);
        private int _count;

        public int Size
        {
            get { return _items.Count; }
        }

        public string Describe(double temperature, int level, Colour colour)
        {
            StringBuilder sb = new StringBuilder();
            sb.Append("level ");
            sb.Append(level);
            sb.Append(' ');
            sb.Append(colour == Colour.Red ? "red" : "green");
            sb.Append($" t={temperature:F1}");
            return sb.ToString() + level.ToString() + "!";
        }

        public int Work(string text)
        {
            lock (_sync)
            {
                _count++;
            }

            foreach (object item in _items)
            {
                _count += (int)item;
            }

            for (int i = 0; i < text.Length; i++)
            {
                _count += text[i];
            }

            _index.Add("k", 1);
            if (_index.Contains("k"))
            {
                _index.Remove("k");
            }

            string[] parts = text.Split(new char[] { ',' });
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            string back = Encoding.UTF8.GetString(utf8, 0, utf8.Length);
            TimeSpan interval = TimeSpan.FromSeconds(5);
            DateTime at = DateTime.UtcNow.AddSeconds(1);
            _ready.Set();
            _ready.WaitOne(10, false);
            Thread.Sleep(1);
            int rounded = (int)Math.Round(Math.Sqrt(Math.Abs(-4.0)));
            return parts.Length + back.Length + (int)interval.TotalSeconds + at.Second + rounded + Table[0] + Max + Math.Max(1, 2);
        }

        public void Dispose()
        {
            _items.Clear();
        }

        public override string ToString()
        {
            return "clean";
        }
    }
}
