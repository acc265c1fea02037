// One place that talks to /graphql: same origin, session cookie included.

export class GraphQLError extends Error {
  constructor(message, { unauthenticated = false } = {}) {
    super(message);
    this.name = "GraphQLError";
    this.unauthenticated = unauthenticated;
  }
}

function isUnauthenticated(error) {
  return error?.extensions?.code === "UNAUTHENTICATED";
}

export async function graphql(query, variables = {}) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLError("The server could not be reached. Check your connection and try again.");
  }
  if (response.status === 401) {
    throw new GraphQLError("Please log in.", { unauthenticated: true });
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLError(`The server answered with an error (HTTP ${response.status}).`);
  }
  const errors = body.errors ?? [];
  if (errors.length > 0) {
    const unauthenticated = errors.some(isUnauthenticated);
    const message = errors.map((e) => e.message).join(" ");
    throw new GraphQLError(unauthenticated ? "Please log in." : message, { unauthenticated });
  }
  if (!response.ok || !body.data) {
    throw new GraphQLError(`The server answered with an error (HTTP ${response.status}).`);
  }
  return body.data;
}
