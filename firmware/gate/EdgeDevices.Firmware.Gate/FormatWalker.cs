using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// nanoFramework formats numbers with the standard specifiers D, F, G, N and X (plus a precision) only;
/// custom patterns such as "0.##" compile everywhere and fail on the device. Checks interpolation holes,
/// numeric ToString(format) and constant String.Format patterns.
/// </summary>
internal sealed partial class FormatWalker(SemanticModel model, ViolationSink sink) : CSharpSyntaxWalker
{
    [GeneratedRegex(@"^[DdFfGgNnXx][0-9]{0,2}$")]
    private static partial Regex SupportedNumericFormat();

    [GeneratedRegex(@"\{\s*\d+\s*(,\s*-?\d+\s*)?(:(?<format>[^}]*))?\}")]
    private static partial Regex Placeholder();

    public override void VisitInterpolation(InterpolationSyntax node)
    {
        if (node.FormatClause is { } clause && IsNumeric(model.GetTypeInfo(node.Expression).Type))
        {
            CheckFormat(clause.FormatStringToken.ValueText, clause);
        }

        base.VisitInterpolation(node);
    }

    public override void VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        if (model.GetSymbolInfo(node).Symbol is IMethodSymbol method && node.ArgumentList.Arguments.Count > 0)
        {
            var first = node.ArgumentList.Arguments[0].Expression;
            var constant = model.GetConstantValue(first);
            if (constant.HasValue && constant.Value is string text)
            {
                if (method.Name == "ToString" && node.ArgumentList.Arguments.Count == 1 && IsNumeric(method.ContainingType))
                {
                    CheckFormat(text, first);
                }
                else if (method.Name == "Format" && method.ContainingType.SpecialType == SpecialType.System_String)
                {
                    foreach (Match match in Placeholder().Matches(text))
                    {
                        if (match.Groups["format"].Success)
                        {
                            CheckFormat(match.Groups["format"].Value, first);
                        }
                    }
                }
            }
        }

        base.VisitInvocationExpression(node);
    }

    private void CheckFormat(string format, SyntaxNode node)
    {
        if (!SupportedNumericFormat().IsMatch(format))
        {
            sink.Add(GateRule.FormatSpecifier, node, format, $"number format \"{format}\" is not supported on nanoFramework (only D, F, G, N, X with an optional precision)");
        }
    }

    private static bool IsNumeric(ITypeSymbol? type) => type?.SpecialType is
        SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
        or SpecialType.System_Single or SpecialType.System_Double;
}
