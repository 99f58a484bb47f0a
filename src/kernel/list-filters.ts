/**
 * What a list may show one person, as plain data: access/filters.ts derives it from the same
 * facts decide() uses, and the stores turn it into `where` clauses, so a list never shows or
 * counts what a single read would refuse.
 */

/**
 * Which children of `councilId` a list may show. For `some`, a child c is visible when
 *
 *   c ∈ openChildIds
 *   ∨ ( (¬c.restricted ∨ c ∈ grantedChildIds)
 *       ∧ (holderId ∈ holders(c) ∨ teamIds ∩ teams(c) ≠ ∅ ∨ everyCase) )
 *
 * where holders(c) and teams(c) are the practitioners and teams of c's lead allocations open on
 * the list's date — exactly the facts `getChildAccessFacts` loads for one child.
 */
export type ChildListFilter =
  | { councilId: string; scope: 'none' }
  | { councilId: string; scope: 'all' }
  | {
      councilId: string;
      scope: 'some';
      /** Visible whatever their restriction and whoever holds them (break-glass, grants; read only). */
      openChildIds: readonly string[];
      /** Reached: cases this practitioner holds. Null when the actor holds no cases. */
      holderId: string | null;
      /** Reached: cases held through one of these teams. */
      teamIds: readonly string[];
      /** Reached: every case in the council (service managers, read). */
      everyCase: boolean;
      /** A restricted child that is reached stays hidden unless it is one of these. */
      grantedChildIds: readonly string[];
    };

/**
 * Which practitioners of `councilId` a list may show (resource `practitioner_workload`). For
 * `some`, practitioner p is visible when p ∈ practitionerIds ∨ p.team_id ∈ teamIds.
 */
export type PractitionerListFilter =
  | { councilId: string; scope: 'none' }
  | { councilId: string; scope: 'all' }
  | { councilId: string; scope: 'some'; practitionerIds: readonly string[]; teamIds: readonly string[] };
