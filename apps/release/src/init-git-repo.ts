import { runChecked, type CommandRunner } from "./run-command.js";

/** An identity for commits and annotated tags in throwaway repositories. */
export const throwawayGitIdentity: Readonly<Record<string, string>> = {
  GIT_AUTHOR_NAME: "bcts release test",
  GIT_AUTHOR_EMAIL: "release-test@example.invalid",
  GIT_COMMITTER_NAME: "bcts release test",
  GIT_COMMITTER_EMAIL: "release-test@example.invalid",
};

/** `git init` + one commit of everything in `dir`, so `changeset publish` can create its tags there. */
export async function initGitRepo(run: CommandRunner, dir: string): Promise<void> {
  const env = { ...process.env, ...throwawayGitIdentity };
  await runChecked(run, "git", ["init", "--quiet", "--initial-branch=main"], { cwd: dir, env });
  await runChecked(run, "git", ["add", "--all"], { cwd: dir, env });
  await runChecked(run, "git", ["-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", "release rehearsal"], { cwd: dir, env });
}

/** The tags in the repository at `dir`. */
export async function listGitTags(run: CommandRunner, dir: string): Promise<string[]> {
  const result = await runChecked(run, "git", ["tag", "--list"], { cwd: dir });
  return result.stdout.split("\n").map((t) => t.trim()).filter(Boolean).sort();
}
