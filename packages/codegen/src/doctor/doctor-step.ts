/**
 * The outcome of one setup check. Printed in order; the first failure ends the run, since every later
 * step needs the earlier ones.
 *
 * @example
 * { kind: "fail", title: "Business Central accepts the app", detail: "401 Authentication_InvalidCredentials: …",
 *   fix: "In Business Central open Microsoft Entra Applications, New, Client ID 3f0e…, State Enabled, permission sets." }
 */
export type DoctorStep =
  | { readonly kind: "ok"; readonly title: string; readonly detail: string }
  | { readonly kind: "fail"; readonly title: string; readonly detail: string; readonly fix: string }
  | { readonly kind: "skip"; readonly title: string; readonly detail: string };

/** `✔ 2. token from Entra ID — …`; a failure adds its fix on the next line. */
export function formatDoctorStep(step: DoctorStep, index: number): string {
  const head = `${step.kind === "ok" ? "✔" : step.kind === "fail" ? "✘" : "–"} ${index + 1}. ${step.title}: ${step.detail}`;
  switch (step.kind) {
    case "ok":
    case "skip":
      return head;
    case "fail":
      return `${head}\n     fix: ${step.fix}`;
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}
