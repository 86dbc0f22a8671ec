import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="page-message">
      <h1>Not found</h1>
      <p>There is no page here.</p>
      <Link href="/">Open the map</Link>
    </main>
  );
}
