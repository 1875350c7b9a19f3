import { CheckRequest, Code, Label, listOf, Prose, SupervisionTier, Verdict, z } from '@credit-check/sdk/contract';

/** GET /__mock/scenarios — the named scenario subjects and the verdict each demo matter must yield. */
export const ScenarioList = /* @__PURE__ */ z.object({
  scenarios: listOf(
    z.object({
      id: Code,
      title: Label,
      description: Prose,
      checks: listOf(z.object({ request: CheckRequest, verdict: Verdict, tier: SupervisionTier }), 100),
    }),
  ),
});
export type ScenarioList = z.infer<typeof ScenarioList>;
