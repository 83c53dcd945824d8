import { Navigate } from 'react-router-dom';
import { useMe } from '../auth/AuthContext.tsx';

/** Home is the region browser at the user's own region. */
export function HomePage() {
  const me = useMe();
  return <Navigate to={`/regions/${me.region.code}`} replace />;
}
