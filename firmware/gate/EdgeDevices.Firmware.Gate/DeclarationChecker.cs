using Microsoft.CodeAnalysis;

namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// A firmware method that overrides or implements a library member needs that member on the device:
/// overriding Stream.Read needs Stream.Read to exist, implementing IDisposable needs IDisposable.Dispose.
/// </summary>
internal static class DeclarationChecker
{
    public static void Check(Compilation compilation, SymbolPolicy policy, ViolationSink sink)
    {
        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            if (type.IsImplicitlyDeclared)
            {
                continue;
            }

            foreach (var member in type.GetMembers())
            {
                if (member.IsImplicitlyDeclared || member.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
                {
                    continue;
                }

                var overridden = member switch
                {
                    IMethodSymbol m => (ISymbol?)m.OverriddenMethod,
                    IPropertySymbol p => p.OverriddenProperty,
                    IEventSymbol e => e.OverriddenEvent,
                    _ => null,
                };
                if (overridden != null && !policy.IsOwn(overridden.OriginalDefinition) && !policy.IsAllowed(overridden.OriginalDefinition, null))
                {
                    sink.Add(GateRule.MissingApi, location, SymbolPolicy.IdOf(overridden.OriginalDefinition),
                        $"{member.Name} overrides '{overridden.ToDisplayString()}', which does not exist on nanoFramework");
                }
            }

            foreach (var iface in type.AllInterfaces.Where(i => !policy.IsOwn(i)))
            {
                foreach (var ifaceMember in iface.GetMembers())
                {
                    if (type.FindImplementationForInterfaceMember(ifaceMember) is { } impl
                        && SymbolEqualityComparer.Default.Equals(impl.ContainingType, type)
                        && impl.Locations.FirstOrDefault(l => l.IsInSource) is { } location
                        && !policy.IsAllowed(ifaceMember.OriginalDefinition, null))
                    {
                        sink.Add(GateRule.MissingApi, location, SymbolPolicy.IdOf(ifaceMember.OriginalDefinition),
                            $"{impl.Name} implements '{ifaceMember.ToDisplayString()}', which does not exist on nanoFramework");
                    }
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            foreach (var nested in WithNested(type))
            {
                yield return nested;
            }
        }

        foreach (var child in ns.GetNamespaceMembers())
        {
            foreach (var type in AllTypes(child))
            {
                yield return type;
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers().SelectMany(WithNested))
        {
            yield return nested;
        }
    }
}
