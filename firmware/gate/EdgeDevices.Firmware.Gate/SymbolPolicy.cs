using Microsoft.CodeAnalysis;

namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// Decides whether a symbol the firmware uses exists on the device. IDs are taken with
/// DocumentationCommentId.CreateDeclarationId (the strict form that includes return types). A symbol is
/// accepted when its ID is listed, when a member it overrides is listed (a host override that
/// nanoFramework lacks still dispatches to the listed base), or when nanoFramework declares the same
/// member on the receiver's type or a type between it and the host's declaring type (.NET puts Set on
/// EventWaitHandle, nanoFramework on ManualResetEvent).
/// </summary>
internal sealed class SymbolPolicy(ApiSurface surface, IReadOnlySet<string> ownAssemblies)
{
    public ApiSurface Surface { get; } = surface;

    /// <summary>Declared in the firmware being checked (or a firmware project it references).</summary>
    public bool IsOwn(ISymbol symbol) =>
        symbol.ContainingAssembly is { } assembly && ownAssemblies.Contains(assembly.Name);

    /// <summary>The ID reported for a symbol.</summary>
    public static string IdOf(ISymbol symbol) => DocumentationCommentId.CreateDeclarationId(symbol) ?? symbol.ToDisplayString();

    public bool IsAllowed(ISymbol symbol, ITypeSymbol? receiverType)
    {
        for (ISymbol? candidate = symbol; candidate != null; candidate = Overridden(candidate))
        {
            if (Listed(candidate, receiverType) || (candidate is IMethodSymbol m && HandlerAsStringListed(m)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The device's overloads of a method with the same name on the same type, for a hint.</summary>
    public IEnumerable<string> DeviceOverloads(ISymbol symbol)
    {
        if (symbol is not IMethodSymbol { ContainingType: { } type } method)
        {
            return [];
        }

        var prefix = "M:" + IdOf(type)[2..] + "." + method.MetadataName;
        return Surface.IdsStartingWith(prefix).Where(id => !id.Contains('~') && (id.Length == prefix.Length || id[prefix.Length] == '('));
    }

    // .NET binds sb.Append($"...") and similar to an [InterpolatedStringHandler] overload; nanoFramework
    // has no handlers, so the device compiler binds the string overload instead.
    private bool HandlerAsStringListed(IMethodSymbol method)
    {
        var handlers = method.Parameters
            .Where(p => p.Type.GetAttributes().Any(a => a.AttributeClass?.Name == "InterpolatedStringHandlerAttribute"))
            .ToList();
        if (handlers.Count == 0)
        {
            return false;
        }

        var id = IdOf(method).Split('~')[0];
        foreach (var parameter in handlers)
        {
            var typeId = IdOf(parameter.Type)[2..];
            id = id.Replace(typeId + "@", "System.String", StringComparison.Ordinal).Replace(typeId, "System.String", StringComparison.Ordinal);
        }

        return Surface.Contains(id);
    }

    private bool Listed(ISymbol symbol, ITypeSymbol? receiverType)
    {
        var id = IdOf(symbol);
        if (Surface.Contains(id))
        {
            return true;
        }

        // Re-root the member on the receiver's type and each base type below the host's declaring type.
        if (symbol is INamedTypeSymbol || symbol.ContainingType is not { } declaring || receiverType is not INamedTypeSymbol)
        {
            return false;
        }

        var declaringId = IdOf(declaring)[2..];
        var prefix = id[..2] + declaringId + ".";
        if (!id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = id[prefix.Length..];
        for (var type = receiverType; type != null && !SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, declaring.OriginalDefinition); type = type.BaseType)
        {
            if (Surface.Contains(id[..2] + IdOf(type.OriginalDefinition)[2..] + "." + rest))
            {
                return true;
            }
        }

        return false;
    }

    private static ISymbol? Overridden(ISymbol symbol) => symbol switch
    {
        IMethodSymbol m => m.OverriddenMethod?.OriginalDefinition,
        IPropertySymbol p => p.OverriddenProperty?.OriginalDefinition,
        IEventSymbol e => e.OverriddenEvent?.OriginalDefinition,
        _ => null,
    };
}
