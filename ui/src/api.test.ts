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

  it("turns a {kind, message} rejection into a readable CommandError", async () => {
    mockIPC(() => {
      throw { kind: "store_unavailable", message: "your data could not be opened: disk full" };
    });
    const err = await api.appInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).kind).toBe("store_unavailable");
    expect((err as CommandError).message).toBe("your data could not be opened: disk full");
  });
});
