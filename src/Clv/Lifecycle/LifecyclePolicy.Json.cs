using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>Persistence: the one versioned JSON format.</summary>
public sealed partial class LifecyclePolicy
{
    private const string ModelName = "LifecyclePolicy";

    /// <summary>
    /// Writes the policy as versioned JSON: <c>{"model":"LifecyclePolicy","version":1,"rule":"GapMultiple",
    /// "dormantThreshold":3,"churnedThreshold":6,"options":{"activationWindowDays":30,"dormantAfterDays":90,
    /// "churnedAfterDays":180,"reactivationHoldDays":90,"matureMinPurchaseDays":4,"matureMinTenureDays":365}}</c>.
    /// </summary>
    /// <returns>The JSON text.</returns>
    /// <remarks>
    /// <c>rule</c> is <c>"Days"</c>, <c>"GapMultiple"</c> or <c>"AliveProbability"</c>. A day policy has no threshold
    /// fields (its thresholds are <c>options.dormantAfterDays</c> and <c>options.churnedAfterDays</c>). The provider of a
    /// probability policy is a delegate and is not written: read it back with
    /// <see cref="FromJson(string, Lifecycle.AliveProbability)"/>, passing the provider again.
    /// </remarks>
    public string ToJson() => JsonFormat.Write(ModelName, w =>
    {
        w.WriteString("rule", Rule.ToString());
        if (Rule != LifecycleQuietRule.Days)
        {
            JsonFormat.WriteNumber(w, "dormantThreshold", DormantThreshold);
            JsonFormat.WriteNumber(w, "churnedThreshold", ChurnedThreshold);
        }

        w.WriteStartObject("options");
        w.WriteNumber("activationWindowDays", Options.ActivationWindowDays);
        w.WriteNumber("dormantAfterDays", Options.DormantAfterDays);
        w.WriteNumber("churnedAfterDays", Options.ChurnedAfterDays);
        w.WriteNumber("reactivationHoldDays", Options.ReactivationHoldDays);
        w.WriteNumber("matureMinPurchaseDays", Options.MatureMinPurchaseDays);
        w.WriteNumber("matureMinTenureDays", Options.MatureMinTenureDays);
        w.WriteEndObject();
    });

    /// <summary>Reads a day or gap policy written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON holds a probability policy, whose provider is not stored: use <see cref="FromJson(string, Lifecycle.AliveProbability)"/>.</exception>
    /// <exception cref="FormatException">The text is not a lifecycle policy of a supported version, or a field is missing or invalid; the message names the field.</exception>
    public static LifecyclePolicy FromJson(string json) => Read(json, null, nameof(json));

    /// <summary>Reads a policy written by <see cref="ToJson"/>, with the provider of a probability policy.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="aliveProbability">The provider of a <see cref="LifecycleQuietRule.AliveProbability"/> policy (for example the same fitted model's P(alive)); ignored for day and gap policies.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ArgumentException">The JSON holds a probability policy and <paramref name="aliveProbability"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a lifecycle policy of a supported version, or a field is missing or invalid; the message names the field.</exception>
    public static LifecyclePolicy FromJson(string json, AliveProbability? aliveProbability) => Read(json, aliveProbability, nameof(aliveProbability));

    private static LifecyclePolicy Read(string json, AliveProbability? provider, string providerParam)
    {
        var (rule, dormant, churned, options) = JsonFormat.Read(json, ModelName, r =>
        {
            var rule = r.Enum<LifecycleQuietRule>("rule");
            double dormant = rule == LifecycleQuietRule.Days ? 0 : r.Number("dormantThreshold");
            double churned = rule == LifecycleQuietRule.Days ? 0 : r.Number("churnedThreshold");
            var options = new LifecycleOptions
            {
                ActivationWindowDays = r.Int("options.activationWindowDays"),
                DormantAfterDays = r.Int("options.dormantAfterDays"),
                ChurnedAfterDays = r.Int("options.churnedAfterDays"),
                ReactivationHoldDays = r.Int("options.reactivationHoldDays"),
                MatureMinPurchaseDays = r.Int("options.matureMinPurchaseDays"),
                MatureMinTenureDays = r.Int("options.matureMinTenureDays"),
            };
            try
            {
                if (rule != LifecycleQuietRule.Days)
                {
                    CheckThresholds(rule, dormant, churned, "dormantThreshold", "churnedThreshold");
                }

                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw r.Error(JsonPath(ex.ParamName), "is invalid: " + ex.Message.Split(" (Parameter", 2)[0]);
            }

            return rule == LifecycleQuietRule.Days
                ? (rule, options.DormantAfterDays, options.ChurnedAfterDays, options)
                : (rule, dormant, churned, options);
        });

        if (rule == LifecycleQuietRule.AliveProbability && provider is null)
        {
            ThrowHelper.Argument(providerParam, Guard.Format(
                $"The JSON holds an AliveProbability policy (dormant below {dormant}, churned below {churned}); its provider is a delegate and is not stored. Call LifecyclePolicy.FromJson(json, aliveProbability) with the provider, for example the fitted model's P(alive)."));
        }

        return new LifecyclePolicy(rule, options, dormant, churned, rule == LifecycleQuietRule.AliveProbability ? provider : null);
    }

    /// <summary>The JSON path of a validation error's parameter: <c>options.DormantAfterDays</c> becomes <c>options.dormantAfterDays</c>.</summary>
    private static string JsonPath(string? paramName)
    {
        const string Prefix = "options.";
        if (paramName is null)
        {
            return "?";
        }

        return paramName.StartsWith(Prefix, StringComparison.Ordinal) && paramName.Length > Prefix.Length
            ? Prefix + char.ToLowerInvariant(paramName[Prefix.Length]) + paramName[(Prefix.Length + 1)..]
            : paramName;
    }
}
