// edgectl: see EdgeCtl and docs/technician-guide.md.
return await EdgeDevices.Ctl.EdgeCtl.RunAsync(args, Console.Out, Console.Error, !Console.IsOutputRedirected);
