import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import DateField from "./DateField.svelte";
import { app } from "./app.svelte";
import { i18n } from "../i18n/index.svelte";

let field: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (field) unmount(field);
  field = null;
  document.body.innerHTML = "";
  i18n.lang = "en";
});

function render(value: string) {
  const props = $state({ value, label: "Deadline" });
  field = mount(DateField, { target: document.body, props });
  flushSync();
  return { props, input: document.querySelector("input")! };
}

// The field moves the focus after Svelte's next tick.
async function settle() {
  flushSync();
  await new Promise((r) => setTimeout(r, 0));
}

function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}

describe("DateField", () => {
  it("is empty when empty, with a placeholder in the UI's language", () => {
    i18n.lang = "zh";
    const { input } = render("");
    expect(input.value).toBe("");
    expect(input.placeholder).toBe("年-月-日");
    expect(input.validity.valid).toBe(true);
  });

  it("takes YYYY-MM-DD and refuses what is not a day", () => {
    const { props, input } = render("");
    type(input, "2026-02-30");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.validity.valid).toBe(false);
    type(input, "2026-12-25");
    expect(props.value).toBe("2026-12-25");
    expect(input.validity.valid).toBe(true);
  });

  it("picks a day from the calendar, moved by the keyboard", async () => {
    app.today = "2026-11-29";
    const { props, input } = render("2026-11-10");
    document.querySelector<HTMLButtonElement>("button.pick")!.click();
    await settle();
    const grid = document.querySelector<HTMLElement>("[role=grid]")!;
    expect(document.activeElement?.textContent).toBe("10");
    grid.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    await settle();
    grid.dispatchEvent(new KeyboardEvent("keydown", { key: "PageDown", bubbles: true }));
    await settle();
    grid.querySelector<HTMLButtonElement>("button[tabindex='0']")!.click();
    flushSync();
    expect(props.value).toBe("2026-12-17");
    expect(document.querySelector(".calendar")).toBeNull();
    expect(document.activeElement).toBe(input);
  });
});
