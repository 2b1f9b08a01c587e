// What the page shows instead of the dashboard when the client cannot be made (a secret key, a malformed ?api=).
export function Refused({ message }: { message: string }) {
  return (
    <main>
      <header>
        <h1>Jobs</h1>
      </header>
      <p role="status" className="error">
        {message}
      </p>
    </main>
  );
}
