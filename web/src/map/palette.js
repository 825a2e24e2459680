// Colours for top-level categories and for the cells' weather levels.
export const categoryColours = {
  noise: '#e12d39', traffic: '#2186eb', environment: '#3ebd93', housing: '#9446ed', utilities: '#f7c948',
  community: '#40c3f7', elderly: '#f368e0', education: '#0b69a3', health: '#27ab83', employment: '#8d2b0b',
  market: '#de911d', security: '#102a43', emergency: '#ab091e', other: '#829ab1',
};

export const weatherColours = { SUNNY: '#57ae5b', CLOUDY: '#c1d72f', OVERCAST: '#f7c948', RAIN: '#f9703e', STORM: '#ba2525' };

export function categoryColourExpression() {
  const match = ['match', ['get', 'top']];
  for (const [code, colour] of Object.entries(categoryColours)) match.push(code, colour);
  match.push('#829ab1');
  return match;
}

export function weatherColourExpression() {
  const match = ['match', ['coalesce', ['get', 'weather'], ['get', 'level'], '']];
  for (const [level, colour] of Object.entries(weatherColours)) match.push(level, colour);
  match.push('rgba(0,0,0,0)');
  return match;
}
