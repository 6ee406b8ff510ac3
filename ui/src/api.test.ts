import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, CommandError } from "./api";

afterEach(() => clearMocks());

describe("api", () => {
  it("returns what the command returns", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_roles")
        return [{ id: "data_engineer", name: { en: "Data engineer", zh: "数据工程师" }, summary: { en: "s", zh: "" }, custom: false }];
    });
    const roles = await api.listRoles();
    expect(roles.map((r) => r.id)).toEqual(["data_engineer"]);
  });

  it("turns an error payload into a CommandError with its problems", async () => {
    mockIPC(() => {
      throw {
        kind: "disk_full",
        problems: [{ path: "", code: "disk_full", args: {} }],
        message: "the disk is full; free some space and try again",
      };
    });
    const err = await api.appInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).kind).toBe("disk_full");
    expect((err as CommandError).problems[0].code).toBe("disk_full");
    expect((err as CommandError).message).toBe("the disk is full; free some space and try again");
  });

  it("wraps a plain string rejection (arguments Tauri could not read) as a problem", async () => {
    mockIPC(() => {
      throw "invalid args `event` for command `log_event`: a level is 0 to 5, not 9";
    });
    const err = (await api.appInfo().catch((e: unknown) => e)) as CommandError;
    expect(err.kind).toBe("internal");
    expect(err.problems).toEqual([
      { path: "", code: "wrong_type", args: { detail: "invalid args `event` for command `log_event`: a level is 0 to 5, not 9" } },
    ]);
  });
});
