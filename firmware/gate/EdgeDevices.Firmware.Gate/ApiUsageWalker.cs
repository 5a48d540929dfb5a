using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// Walks a firmware file and checks every symbol it uses from outside the firmware against the API
/// surface: names, constructors, indexers, user-defined operators and conversions, and the members the
/// compiler calls on the code's behalf (foreach, using, lock, string interpolation). Built-in operators,
/// locals and the firmware's own symbols are skipped. Uses of generic types and methods are reported
/// here too, because this is where every bound symbol passes.
/// </summary>
internal sealed class ApiUsageWalker(SemanticModel model, SymbolPolicy policy, ViolationSink sink) : CSharpSyntaxWalker
{
    private enum Access { Get, Set, GetSet }

    public override void Visit(SyntaxNode? node)
    {
        if (node is ExpressionSyntax expression)
        {
            var conversion = model.GetConversion(expression);
            if (conversion.IsUserDefined && conversion.MethodSymbol is { } method)
            {
                CheckSymbol(method, expression, Access.Get, null);
            }
        }

        base.Visit(node);
    }

    public override void VisitIdentifierName(IdentifierNameSyntax node)
    {
        CheckName(node);
        base.VisitIdentifierName(node);
    }

    public override void VisitGenericName(GenericNameSyntax node)
    {
        CheckName(node);
        base.VisitGenericName(node);
    }

    public override void VisitPredefinedType(PredefinedTypeSyntax node)
    {
        if (model.GetSymbolInfo(node).Symbol is { } type)
        {
            CheckSymbol(type, node, Access.Get, null);
        }

        base.VisitPredefinedType(node);
    }

    public override void VisitObjectCreationExpression(ObjectCreationExpressionSyntax node)
    {
        CheckBound(node);
        base.VisitObjectCreationExpression(node);
    }

    public override void VisitImplicitObjectCreationExpression(ImplicitObjectCreationExpressionSyntax node)
    {
        CheckBound(node);
        base.VisitImplicitObjectCreationExpression(node);
    }

    public override void VisitConstructorInitializer(ConstructorInitializerSyntax node)
    {
        CheckBound(node);
        base.VisitConstructorInitializer(node);
    }

    public override void VisitElementAccessExpression(ElementAccessExpressionSyntax node)
    {
        if (model.GetSymbolInfo(node).Symbol is IPropertySymbol indexer)
        {
            CheckSymbol(indexer, node, AccessOf(node), model.GetTypeInfo(node.Expression).Type);
        }

        base.VisitElementAccessExpression(node);
    }

    public override void VisitBinaryExpression(BinaryExpressionSyntax node)
    {
        CheckOperator(node);
        base.VisitBinaryExpression(node);
    }

    public override void VisitAssignmentExpression(AssignmentExpressionSyntax node)
    {
        CheckOperator(node);
        base.VisitAssignmentExpression(node);
    }

    public override void VisitPrefixUnaryExpression(PrefixUnaryExpressionSyntax node)
    {
        CheckOperator(node);
        base.VisitPrefixUnaryExpression(node);
    }

    public override void VisitPostfixUnaryExpression(PostfixUnaryExpressionSyntax node)
    {
        CheckOperator(node);
        base.VisitPostfixUnaryExpression(node);
    }

    public override void VisitAttribute(AttributeSyntax node)
    {
        CheckBound(node);
        base.VisitAttribute(node);
    }

    public override void VisitForEachStatement(ForEachStatementSyntax node)
    {
        var info = model.GetForEachStatementInfo(node);
        var collectionType = model.GetTypeInfo(node.Expression).Type;
        if (collectionType is not IArrayTypeSymbol)
        {
            CheckMember(info.GetEnumeratorMethod, node.Expression, collectionType);
            CheckMember(info.MoveNextMethod, node.Expression, info.GetEnumeratorMethod?.ReturnType);
            CheckMember(info.CurrentProperty?.GetMethod, node.Expression, info.GetEnumeratorMethod?.ReturnType);
            CheckMember(info.DisposeMethod, node.Expression, null);
        }

        base.VisitForEachStatement(node);
    }

    public override void VisitUsingStatement(UsingStatementSyntax node)
    {
        CheckById("M:System.IDisposable.Dispose", node.UsingKeyword.GetLocation());
        base.VisitUsingStatement(node);
    }

    public override void VisitLocalDeclarationStatement(LocalDeclarationStatementSyntax node)
    {
        if (node.UsingKeyword != default)
        {
            CheckById("M:System.IDisposable.Dispose", node.UsingKeyword.GetLocation());
        }

        base.VisitLocalDeclarationStatement(node);
    }

    public override void VisitLockStatement(LockStatementSyntax node)
    {
        // The device compiler lowers lock to Monitor.Enter(object) / Monitor.Exit(object).
        CheckById("M:System.Threading.Monitor.Enter(System.Object)", node.LockKeyword.GetLocation());
        CheckById("M:System.Threading.Monitor.Exit(System.Object)", node.LockKeyword.GetLocation());
        base.VisitLockStatement(node);
    }

    public override void VisitInterpolatedStringExpression(InterpolatedStringExpressionSyntax node)
    {
        // nanoFramework's mscorlib has no interpolation handler: the device compiler calls String.Format.
        if (node.Contents.Any(c => c is InterpolationSyntax))
        {
            CheckById("M:System.String.Format(System.String,System.Object[])~System.String", node.GetLocation());
        }

        base.VisitInterpolatedStringExpression(node);
    }

    private void CheckName(SimpleNameSyntax node)
    {
        var info = model.GetSymbolInfo(node);
        var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        if (symbol != null)
        {
            CheckSymbol(symbol, node, AccessOf(node), ReceiverType(node, symbol));
        }
    }

    private void CheckBound(SyntaxNode node)
    {
        if (model.GetSymbolInfo(node).Symbol is { } symbol)
        {
            CheckSymbol(symbol, node, Access.Get, null);
        }
    }

    private void CheckOperator(ExpressionSyntax node)
    {
        if (model.GetSymbolInfo(node).Symbol is IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator } op)
        {
            CheckSymbol(op, node, Access.Get, null);
        }
    }

    private void CheckMember(ISymbol? symbol, SyntaxNode node, ITypeSymbol? receiver)
    {
        if (symbol != null)
        {
            CheckSymbol(symbol, node, Access.Get, receiver);
        }
    }

    private void CheckById(string id, Location location)
    {
        if (!policy.Surface.Contains(id) && !policy.Surface.Contains(id.Split('~')[0]))
        {
            sink.Add(GateRule.MissingApi, location, id, "the device compiler needs this member, which the referenced nanoFramework packages do not provide");
        }
    }

    private void CheckSymbol(ISymbol symbol, SyntaxNode node, Access access, ITypeSymbol? receiver)
    {
        switch (symbol)
        {
            case INamespaceSymbol or ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol
                or IDiscardSymbol or IPreprocessingSymbol or ITypeParameterSymbol:
                return;
            case IAliasSymbol alias:
                CheckSymbol(alias.Target, node, access, receiver);
                return;
            case IArrayTypeSymbol array:
                CheckSymbol(array.ElementType, node, access, receiver);
                return;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol:
                return; // reported by ConstructWalker
            case IMethodSymbol { MethodKind: MethodKind.BuiltinOperator or MethodKind.LocalFunction or MethodKind.AnonymousFunction }:
                return;
            case IMethodSymbol { ReducedFrom: { } reduced }:
                CheckSymbol(reduced, node, access, null);
                return;
            case IPropertySymbol property:
                ReportGenericUse(property.ContainingType, node);
                if (policy.IsOwn(property.OriginalDefinition))
                {
                    return;
                }

                if (access != Access.Set)
                {
                    CheckOne(property.GetMethod ?? (ISymbol)property, node, receiver);
                }

                if (access != Access.Get)
                {
                    CheckOne(property.SetMethod ?? (ISymbol)property, node, receiver);
                }

                return;
            case IEventSymbol evt:
                if (policy.IsOwn(evt.OriginalDefinition))
                {
                    return;
                }

                var assignment = (node.Parent is MemberAccessExpressionSyntax ma && ma.Name == node ? ma : node).Parent as AssignmentExpressionSyntax;
                var accessor = assignment?.Kind() == SyntaxKind.SubtractAssignmentExpression ? evt.RemoveMethod : evt.AddMethod;
                CheckOne(accessor ?? (ISymbol)evt, node, receiver);
                return;
            case INamedTypeSymbol type:
                ReportGenericUse(type, node);
                CheckOne(type, node, null);
                return;
            case IMethodSymbol method:
                if (method.IsGenericMethod)
                {
                    sink.Add(GateRule.Generic, node, SymbolPolicy.IdOf(method.OriginalDefinition), $"generic method {method.ToDisplayString()}: the stable nanoFramework runtime has no generics");
                }

                ReportGenericUse(method.ContainingType, node);
                CheckOne(method, node, receiver);
                return;
            default:
                ReportGenericUse(symbol.ContainingType, node);
                CheckOne(symbol, node, receiver);
                return;
        }
    }

    private void CheckOne(ISymbol symbol, SyntaxNode node, ITypeSymbol? receiver)
    {
        var target = symbol.OriginalDefinition;
        if (target.ContainingAssembly is null || policy.IsOwn(target))
        {
            return;
        }

        if (!policy.IsAllowed(target, receiver))
        {
            var overloads = policy.DeviceOverloads(target).ToList();
            var hint = overloads.Count == 0 ? "" : "; the device has " + string.Join(", ", overloads);
            sink.Add(GateRule.MissingApi, node, SymbolPolicy.IdOf(target),
                $"'{target.ToDisplayString()}' does not exist in the nanoFramework API surface of this project's packages{hint}");
        }
    }

    private void ReportGenericUse(INamedTypeSymbol? type, SyntaxNode node)
    {
        for (var t = type; t != null; t = t.ContainingType)
        {
            if (t.IsGenericType && !policy.IsOwn(t))
            {
                sink.Add(GateRule.Generic, node, SymbolPolicy.IdOf(t.OriginalDefinition), $"generic type {t.ToDisplayString()}: the stable nanoFramework runtime has no generics");
                return;
            }
        }
    }

    // The static type the member is reached through: the expression left of '.', or the enclosing
    // type for an unqualified instance member.
    private ITypeSymbol? ReceiverType(SimpleNameSyntax node, ISymbol symbol)
    {
        if (node.Parent is MemberAccessExpressionSyntax ma && ma.Name == node)
        {
            return model.GetTypeInfo(ma.Expression).Type;
        }

        if (node.Parent is MemberBindingExpressionSyntax && node.Parent.Parent?.Parent is ConditionalAccessExpressionSyntax ca)
        {
            return model.GetTypeInfo(ca.Expression).Type;
        }

        return symbol.IsStatic ? null : model.GetEnclosingSymbol(node.SpanStart)?.ContainingType;
    }

    private static Access AccessOf(ExpressionSyntax node)
    {
        if (node.Parent is NameEqualsSyntax)
        {
            return Access.Set;
        }

        ExpressionSyntax outer = node;
        if (node.Parent is MemberAccessExpressionSyntax ma && ma.Name == node)
        {
            outer = ma;
        }
        else if (node.Parent is MemberBindingExpressionSyntax binding)
        {
            outer = binding;
        }

        return outer.Parent switch
        {
            AssignmentExpressionSyntax a when a.Left == outer => a.IsKind(SyntaxKind.SimpleAssignmentExpression) ? Access.Set : Access.GetSet,
            PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression) => Access.GetSet,
            PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PostIncrementExpression) || p.IsKind(SyntaxKind.PostDecrementExpression) => Access.GetSet,
            ArgumentSyntax arg when !arg.RefKindKeyword.IsKind(SyntaxKind.None) => Access.GetSet,
            _ => Access.Get,
        };
    }
}
