using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// No static mutable state in firmware: a test process hosts thousands of emulated devices running the
/// same code, so anything static is shared between them. Allowed: const, and static readonly fields of
/// immutable types (primitives, strings, enums, structs) or arrays of them used as lookup tables that
/// are never written. Reported: other static fields, static properties with setters, static events,
/// static readonly fields of class types, and writes into the elements of a static array.
/// </summary>
internal sealed class StaticStateWalker(SemanticModel model, ViolationSink sink) : CSharpSyntaxWalker
{
    public override void VisitFieldDeclaration(FieldDeclarationSyntax node)
    {
        var modifiers = node.Modifiers;
        if (modifiers.Any(SyntaxKind.StaticKeyword) && !modifiers.Any(SyntaxKind.ConstKeyword))
        {
            foreach (var variable in node.Declaration.Variables)
            {
                if (model.GetDeclaredSymbol(variable) is not IFieldSymbol field)
                {
                    continue;
                }

                if (!field.IsReadOnly)
                {
                    sink.Add(GateRule.StaticState, variable.Identifier.GetLocation(), field.Name, "static field that can be assigned: every emulated device in a process would share it; make it an instance field or const");
                }
                else if (!IsImmutable(field.Type))
                {
                    sink.Add(GateRule.StaticState, variable.Identifier.GetLocation(), field.Name, $"static readonly field of mutable type {field.Type.ToDisplayString()}: its contents are shared by every device; make it an instance field");
                }
            }
        }

        base.VisitFieldDeclaration(node);
    }

    public override void VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        if (node.Modifiers.Any(SyntaxKind.StaticKeyword)
            && node.AccessorList?.Accessors.Any(a => a.IsKind(SyntaxKind.SetAccessorDeclaration) || a.IsKind(SyntaxKind.InitAccessorDeclaration)) == true)
        {
            sink.Add(GateRule.StaticState, node.Identifier.GetLocation(), node.Identifier.ValueText, "static property with a setter: static state is shared by every device in a process");
        }

        base.VisitPropertyDeclaration(node);
    }

    public override void VisitEventFieldDeclaration(EventFieldDeclarationSyntax node)
    {
        if (node.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            sink.Add(GateRule.StaticState, node, string.Join(",", node.Declaration.Variables.Select(v => v.Identifier.ValueText)), "static event: its subscribers are shared by every device in a process");
        }

        base.VisitEventFieldDeclaration(node);
    }

    public override void VisitAssignmentExpression(AssignmentExpressionSyntax node)
    {
        ReportStaticElementWrite(node.Left);
        base.VisitAssignmentExpression(node);
    }

    public override void VisitPrefixUnaryExpression(PrefixUnaryExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.PreIncrementExpression) || node.IsKind(SyntaxKind.PreDecrementExpression))
        {
            ReportStaticElementWrite(node.Operand);
        }

        base.VisitPrefixUnaryExpression(node);
    }

    public override void VisitPostfixUnaryExpression(PostfixUnaryExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.PostIncrementExpression) || node.IsKind(SyntaxKind.PostDecrementExpression))
        {
            ReportStaticElementWrite(node.Operand);
        }

        base.VisitPostfixUnaryExpression(node);
    }

    private void ReportStaticElementWrite(ExpressionSyntax target)
    {
        if (target is ElementAccessExpressionSyntax element
            && model.GetSymbolInfo(element.Expression).Symbol is IFieldSymbol { IsStatic: true, Type: IArrayTypeSymbol } field)
        {
            sink.Add(GateRule.StaticState, target, field.Name, "write into a static array: a lookup table must stay constant; its contents are shared by every device");
        }
    }

    private static bool IsImmutable(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => IsImmutable(array.ElementType),
        { SpecialType: SpecialType.System_String } => true,
        { IsValueType: true } => true,
        _ => false,
    };
}
