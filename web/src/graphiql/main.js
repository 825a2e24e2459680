import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';

// The page is served on the GraphQL path itself, so the endpoint is where we are.
const url = new URL(location.pathname, location.href).href;
const fetcher = createGraphiQLFetcher({
  url,
  subscriptionUrl: url.replace(/^http/, 'ws'),
  headers: { accept: 'application/graphql-response+json, application/json;q=0.9' },
});

const defaultQuery = `# NeedsMap.Graph — 问需于民一张图
# What weighs on 鸡鸣山社区's residents? Run it with Ctrl-Enter; the schema is under the book icon.
{
  needStats(where: { jurisdictionIn: ["330782002005"] }, groupBy: CATEGORY, categoryLevel: TOP) {
    totalCount
    groups { key label count distinctReporters }
  }
}

# Live: subscription { needChanged { kind need { text location category { name } } } }
`;

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }),
);
