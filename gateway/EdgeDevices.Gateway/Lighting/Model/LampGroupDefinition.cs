namespace EdgeDevices.Gateway.Lighting.Model;

/// <summary>A group of lamps (a street, a district) sharing a calendar; overrides can target it.</summary>
public sealed record LampGroupDefinition(string Id, string Name, string? CalendarId = null);
