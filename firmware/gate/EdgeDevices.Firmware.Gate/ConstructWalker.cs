using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// Reports language constructs the stable nanoFramework runtime cannot run, whatever API they touch:
/// generic declarations and any expression whose type is generic (T?, lambdas turned into Func/Action,
/// query results), async/await, yield, LINQ, tuples, records, foreach over a string, dynamic, unsafe
/// code, stackalloc, multi-dimensional arrays, required members, and enums turned into text.
/// </summary>
internal sealed class ConstructWalker(SemanticModel model, SymbolPolicy policy, ViolationSink sink) : CSharpSyntaxWalker
{
    public override void Visit(SyntaxNode? node)
    {
        if (node is ExpressionSyntax expression && node is not TypeSyntax)
        {
            var info = model.GetTypeInfo(expression);
            ReportGenericType(info.Type, expression, "expression of generic type");
            if (!SymbolEqualityComparer.Default.Equals(info.Type, info.ConvertedType))
            {
                ReportGenericType(info.ConvertedType, expression, expression is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax ? "lambda converted to a generic delegate" : "conversion to a generic type");
            }

            if (info.Type?.TypeKind == TypeKind.Dynamic || info.ConvertedType?.TypeKind == TypeKind.Dynamic)
            {
                sink.Add(GateRule.Dynamic, expression, "dynamic", "dynamic is not supported on nanoFramework");
            }
        }

        base.Visit(node);
    }

    public override void VisitTypeParameterList(TypeParameterListSyntax node)
    {
        sink.Add(GateRule.Generic, node, node.Parent is { } p ? DeclaredName(p) : "", "generic declaration: the stable nanoFramework runtime has no generics");
        base.VisitTypeParameterList(node);
    }

    public override void VisitNullableType(NullableTypeSyntax node)
    {
        if (model.GetTypeInfo(node).Type is { IsValueType: true })
        {
            sink.Add(GateRule.Generic, node, "T:System.Nullable`1", "nullable value type: Nullable<T> is generic and absent on the stable runtime");
        }

        base.VisitNullableType(node);
    }

    public override void VisitIdentifierName(IdentifierNameSyntax node)
    {
        if (node.IsKind(SyntaxKind.IdentifierName) && node.Identifier.ValueText == "dynamic" && model.GetTypeInfo(node).Type?.TypeKind == TypeKind.Dynamic)
        {
            sink.Add(GateRule.Dynamic, node, "dynamic", "dynamic is not supported on nanoFramework");
        }

        base.VisitIdentifierName(node);
    }

    public override void VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        ReportAsync(node.Modifiers, node.Identifier.GetLocation(), node.Identifier.ValueText);
        base.VisitMethodDeclaration(node);
    }

    public override void VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        ReportAsync(node.Modifiers, node.Identifier.GetLocation(), node.Identifier.ValueText);
        base.VisitLocalFunctionStatement(node);
    }

    public override void VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        ReportAsync(node.Modifiers, node.GetLocation(), "lambda");
        base.VisitParenthesizedLambdaExpression(node);
    }

    public override void VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        ReportAsync(node.Modifiers, node.GetLocation(), "lambda");
        base.VisitSimpleLambdaExpression(node);
    }

    public override void VisitAwaitExpression(AwaitExpressionSyntax node)
    {
        sink.Add(GateRule.Async, node, "await", "await: there is no Task or async state machine support on nanoFramework");
        base.VisitAwaitExpression(node);
    }

    public override void VisitYieldStatement(YieldStatementSyntax node)
    {
        sink.Add(GateRule.Yield, node, "yield", "yield iterators need IEnumerable<T>, which the stable runtime lacks; build an ArrayList or an array");
        base.VisitYieldStatement(node);
    }

    public override void VisitQueryExpression(QueryExpressionSyntax node)
    {
        sink.Add(GateRule.Linq, node, "query", "LINQ query syntax: there is no System.Linq on nanoFramework; write the loop");
        base.VisitQueryExpression(node);
    }

    public override void VisitUsingDirective(UsingDirectiveSyntax node)
    {
        var name = node.NamespaceOrType.ToString();
        if (name == "System.Linq" || name.StartsWith("System.Linq.", StringComparison.Ordinal))
        {
            sink.Add(GateRule.Linq, node, name, "System.Linq does not exist on nanoFramework");
        }

        base.VisitUsingDirective(node);
    }

    public override void VisitTupleType(TupleTypeSyntax node)
    {
        sink.Add(GateRule.Tuple, node, "T:System.ValueTuple", "tuple type: ValueTuple is generic and absent on the stable runtime");
        base.VisitTupleType(node);
    }

    public override void VisitTupleExpression(TupleExpressionSyntax node)
    {
        sink.Add(GateRule.Tuple, node, "T:System.ValueTuple", "tuple expression or deconstruction: ValueTuple is generic and absent on the stable runtime");
        base.VisitTupleExpression(node);
    }

    public override void VisitParenthesizedVariableDesignation(ParenthesizedVariableDesignationSyntax node)
    {
        sink.Add(GateRule.Tuple, node, "T:System.ValueTuple", "deconstruction into (a, b): needs ValueTuple or Deconstruct, use out parameters");
        base.VisitParenthesizedVariableDesignation(node);
    }

    public override void VisitRecordDeclaration(RecordDeclarationSyntax node)
    {
        sink.Add(GateRule.Record, node.Identifier.GetLocation(), node.Identifier.ValueText, "record: its generated equality uses EqualityComparer<T>; write a class");
        base.VisitRecordDeclaration(node);
    }

    public override void VisitForEachStatement(ForEachStatementSyntax node)
    {
        if (model.GetTypeInfo(node.Expression).Type?.SpecialType == SpecialType.System_String)
        {
            sink.Add(GateRule.ForEachString, node.Expression, "M:System.String.GetEnumerator", "foreach over a string compiles but String.GetEnumerator throws NotSupportedException on the device; use a for loop or ToCharArray()");
        }

        base.VisitForEachStatement(node);
    }

    public override void VisitPointerType(PointerTypeSyntax node)
    {
        sink.Add(GateRule.Unsupported, node, "pointer", "pointers are not supported on nanoFramework");
        base.VisitPointerType(node);
    }

    public override void VisitFixedStatement(FixedStatementSyntax node)
    {
        sink.Add(GateRule.Unsupported, node.FixedKeyword.GetLocation(), "fixed", "fixed is not supported on nanoFramework");
        base.VisitFixedStatement(node);
    }

    public override void VisitUnsafeStatement(UnsafeStatementSyntax node)
    {
        sink.Add(GateRule.Unsupported, node.UnsafeKeyword.GetLocation(), "unsafe", "unsafe code is not supported on nanoFramework");
        base.VisitUnsafeStatement(node);
    }

    public override void VisitStackAllocArrayCreationExpression(StackAllocArrayCreationExpressionSyntax node)
    {
        sink.Add(GateRule.Unsupported, node, "stackalloc", "stackalloc needs Span<T>, which the stable runtime lacks");
        base.VisitStackAllocArrayCreationExpression(node);
    }

    public override void VisitArrayRankSpecifier(ArrayRankSpecifierSyntax node)
    {
        if (node.Rank > 1)
        {
            sink.Add(GateRule.Unsupported, node, "array rank " + node.Rank, "multi-dimensional arrays are not supported on nanoFramework; use jagged arrays");
        }

        base.VisitArrayRankSpecifier(node);
    }

    public override void VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        if (model.GetSymbolInfo(node).Symbol is IMethodSymbol { Name: "ToString" } method
            && node.Expression is MemberAccessExpressionSyntax access
            && model.GetTypeInfo(access.Expression).Type?.TypeKind == TypeKind.Enum
            && method.Parameters.Length == 0)
        {
            sink.Add(GateRule.EnumToString, node, SymbolPolicy.IdOf(method.OriginalDefinition), "Enum.ToString() prints the number on nanoFramework; map the value to a name explicitly");
        }

        base.VisitInvocationExpression(node);
    }

    public override void VisitInterpolation(InterpolationSyntax node)
    {
        if (model.GetTypeInfo(node.Expression).Type?.TypeKind == TypeKind.Enum)
        {
            sink.Add(GateRule.EnumToString, node, "enum in string", "an enum formatted into a string prints its number on nanoFramework; map the value to a name explicitly");
        }

        base.VisitInterpolation(node);
    }

    public override void VisitBinaryExpression(BinaryExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.AddExpression)
            && model.GetTypeInfo(node).Type?.SpecialType == SpecialType.System_String
            && (IsEnum(node.Left) || IsEnum(node.Right)))
        {
            sink.Add(GateRule.EnumToString, node, "enum in string", "an enum concatenated into a string prints its number on nanoFramework; map the value to a name explicitly");
        }

        base.VisitBinaryExpression(node);
    }

    public override void VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        ReportRequired(node.Modifiers, node.Identifier);
        base.VisitPropertyDeclaration(node);
    }

    public override void VisitFieldDeclaration(FieldDeclarationSyntax node)
    {
        if (node.Modifiers.Any(SyntaxKind.RequiredKeyword))
        {
            sink.Add(GateRule.Unsupported, node, "required", "required members need RequiredMemberAttribute, which nanoFramework's mscorlib lacks");
        }

        if (node.Modifiers.Any(SyntaxKind.UnsafeKeyword) || node.Modifiers.Any(SyntaxKind.FixedKeyword))
        {
            sink.Add(GateRule.Unsupported, node, "unsafe", "unsafe code is not supported on nanoFramework");
        }

        base.VisitFieldDeclaration(node);
    }

    private bool IsEnum(ExpressionSyntax expression) => model.GetTypeInfo(expression).Type?.TypeKind == TypeKind.Enum;

    private void ReportRequired(SyntaxTokenList modifiers, SyntaxToken identifier)
    {
        if (modifiers.Any(SyntaxKind.RequiredKeyword))
        {
            sink.Add(GateRule.Unsupported, identifier.GetLocation(), "required", "required members need RequiredMemberAttribute, which nanoFramework's mscorlib lacks");
        }

        if (modifiers.Any(SyntaxKind.UnsafeKeyword))
        {
            sink.Add(GateRule.Unsupported, identifier.GetLocation(), "unsafe", "unsafe code is not supported on nanoFramework");
        }
    }

    private void ReportAsync(SyntaxTokenList modifiers, Location location, string name)
    {
        if (modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            sink.Add(GateRule.Async, location, name, "async: there is no Task or async state machine support on nanoFramework");
        }

        if (modifiers.Any(SyntaxKind.UnsafeKeyword))
        {
            sink.Add(GateRule.Unsupported, location, "unsafe", "unsafe code is not supported on nanoFramework");
        }
    }

    private void ReportGenericType(ITypeSymbol? type, SyntaxNode node, string what)
    {
        var generic = FindGeneric(type);
        if (generic != null && !policy.IsOwn(generic))
        {
            sink.Add(GateRule.Generic, node, SymbolPolicy.IdOf(generic.OriginalDefinition), $"{what} {generic.ToDisplayString()}: the stable nanoFramework runtime has no generics");
        }
    }

    private static INamedTypeSymbol? FindGeneric(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol array => FindGeneric(array.ElementType),
        INamedTypeSymbol { IsGenericType: true } named => named,
        INamedTypeSymbol { ContainingType: { } outer } => FindGeneric(outer),
        _ => null,
    };

    private static string DeclaredName(SyntaxNode declaration) => declaration switch
    {
        BaseTypeDeclarationSyntax t => t.Identifier.ValueText,
        MethodDeclarationSyntax m => m.Identifier.ValueText,
        DelegateDeclarationSyntax d => d.Identifier.ValueText,
        LocalFunctionStatementSyntax f => f.Identifier.ValueText,
        _ => "",
    };
}
