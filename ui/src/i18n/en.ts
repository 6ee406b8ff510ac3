export const en = {
  "app.name": "Pathwise",
  "app.tagline": "Where do you fit in, and what stands between you and the role you want?",
  "nav.roles": "Roles",
  "roles.heading": "The eight roles of an MLOps team",
  "roles.intro": "From the article “In the 8 key MLOps roles, where do you fit in?”",
  "lang.label": "Language",
  "error.heading": "Something went wrong",
  "error.retry": "Try again",
  "loading": "Loading…",
} as const;
