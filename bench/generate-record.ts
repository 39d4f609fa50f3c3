/**
 * A valid, "go" handoff record of about `items` tracked items (promises, dependencies, risks,
 * questions in the proportions real handoffs have), for benchmarks and load tests.
 */
export function generateRecord(items: number): Record<string, unknown> {
  const promises = Math.round(items * 0.5);
  const dependencies = Math.round(items * 0.3);
  const risks = Math.round(items * 0.1);
  const questions = Math.max(0, items - promises - dependencies - risks);
  const weekday = (n: number) => `kickoff+${(n % 40) + 1}bd`;
  return {
    version: 1,
    id: `bench-${items}`,
    title: `Benchmark handoff with ${items} items`,
    scenario: 'core',
    implementationModel: 'standard-onboarding',
    customer: {
      company: 'Bench Corp',
      contacts: [
        {
          name: 'Bea Bench',
          email: 'bea@bench.example',
          roles: ['decision-maker', 'executive-sponsor', 'billing-owner', 'day-to-day-owner'],
        },
      ],
    },
    deal: {
      purchased: ['Everything'],
      contract: { start: '2026-12-01', termMonths: 24 },
      serviceLevel: 'Standard',
      documents: [{ kind: 'sow', url: 'https://docs.example.com/bench/sow.pdf' }],
    },
    outcome: { why: 'Measure the core.', successMeasures: ['Fast'] },
    scope: { included: ['All'], excluded: [] },
    timeline: {
      kickoff: '2026-12-07',
      goLive: '2027-06-01',
      milestones: [
        { id: 'm1', name: 'First', due: 'kickoff+30bd' },
        { id: 'm2', name: 'Second', due: 'm1+6w' },
      ],
      blackouts: [{ from: '2026-12-24', to: '2027-01-01', reason: 'Holidays' }],
    },
    technicalEnvironment: { systems: [{ name: 'ERP', role: 'source' }] },
    people: {
      'delivery-owner': 'dee@vendor.example',
      'comms-owner': 'cee@vendor.example',
      escalation: 'esc@vendor.example',
      'approval-owner': 'app@vendor.example',
    },
    promises: Array.from({ length: promises }, (_, i) => ({
      id: `p${i}`,
      title: `Promise ${i}`,
      owner: i % 2 ? 'delivery-owner' : `owner${i % 50}@vendor.example`,
      due: i % 7 === 0 ? 'm2' : `kickoff+${(i % 30) + 21}bd`,
      source: { kind: 'proposal', url: `https://docs.example.com/bench/p${i}` },
      ...(i % 3 === 0 ? { milestone: 'm2' } : {}),
    })),
    dependencies: Array.from({ length: dependencies }, (_, i) => ({
      id: `d${i}`,
      title: `Dependency ${i}`,
      side: i % 2 ? 'customer' : 'internal',
      owner: 'bea@bench.example',
      // Chains of up to 20 dependencies, each due a business day before the next it blocks.
      due: weekday(i % 20),
      blocks: [`p${(i * 7) % promises}`, ...(i % 20 !== 19 && i + 1 < dependencies ? [`d${i + 1}`] : [])],
    })),
    risks: Array.from({ length: risks }, (_, i) => ({
      id: `r${i}`,
      title: `Risk ${i}`,
      severity: 'medium',
      owner: 'delivery-owner',
      due: weekday(i),
    })),
    questions: Array.from({ length: questions }, (_, i) => ({
      id: `q${i}`,
      title: `Question ${i}?`,
      owner: 'comms-owner',
      due: weekday(i),
    })),
    signoffs: {
      sales: { by: 'sal@vendor.example', at: '2026-11-20', statement: 'no-undocumented-promises' },
      operations: { by: 'ops@vendor.example', at: '2026-11-21' },
      delivery: { by: 'dee@vendor.example', at: '2026-11-22', status: 'ready' },
    },
  };
}
